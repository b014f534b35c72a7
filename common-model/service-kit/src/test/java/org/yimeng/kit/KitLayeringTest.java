package org.yimeng.kit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The kit is written once for both services, so it knows neither of them. */
class KitLayeringTest {
    static final ArchRule NO_SERVICE = noClasses().that().resideInAPackage("org.yimeng.kit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.yimeng.volunteer..", "org.yimeng.donation..")
            .because("the kit is the plumbing both services share (docs/service-kit.md)");

    @Test
    void kitDependsOnNoService() {
        JavaClasses kit = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.yimeng.kit");
        NO_SERVICE.check(kit);
    }
}
