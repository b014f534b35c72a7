package org.yimeng.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** common-model is the contract an auditor's tool can use on its own: it imports no framework. */
class FrameworkFreeTest {
    static final ArchRule NO_FRAMEWORK = noClasses().that().resideInAPackage("org.yimeng.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                    "jakarta.persistence..", "javax.persistence..", "org.hibernate..", "jakarta.ws.rs..",
                    "javax.ws.rs..", "org.jboss.resteasy..", "jakarta.enterprise..", "jakarta.inject..",
                    "javax.inject..", "org.eclipse.microprofile..", "org.yimeng.kit..", "org.yimeng.volunteer..",
                    "org.yimeng.donation..")
            .because("common-model is framework-free (docs/service-kit.md): no Quarkus, JPA, JAX-RS or CDI");

    @Test
    void commonModelImportsNoQuarkusJpaJaxRsOrCdi() {
        JavaClasses model = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.yimeng.model");
        NO_FRAMEWORK.check(model);
    }
}
