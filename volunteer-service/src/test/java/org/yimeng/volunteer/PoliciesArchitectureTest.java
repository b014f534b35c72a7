package org.yimeng.volunteer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The business rules stay plain code a newcomer tests in milliseconds: the policy classes (and the records nested in
 * them) use no persistence, web, injection or Quarkus type, no JDBC, and take no entity or CDI bean — the services
 * read, lock and write, and pass the facts in.
 */
class PoliciesArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.yimeng.volunteer");

    /** The feature packages whose rules are plain classes beside their services. */
    private static final Set<String> FEATURES = Set.of("activity", "attendance", "pairing", "wish", "servicerecord");

    /**
     * In those packages, every class named for a rule (…Policy, …Transitions, …Rules), the recording window and the
     * working days, with the records nested in them.
     */
    static final DescribedPredicate<JavaClass> POLICIES = DescribedPredicate.describe("policy classes",
            c -> FEATURES.contains(c.getPackageName().substring(c.getPackageName().lastIndexOf('.') + 1))
                    && isPolicy(topLevel(c).getSimpleName()));

    private static boolean isPolicy(String name) {
        return name.endsWith("Policy") || name.endsWith("Transitions") || name.endsWith("Rules")
                || name.equals("RecordingWindow") || name.equals("WorkingDays");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    static final ArchRule NO_FRAMEWORK = noClasses().that(POLICIES).should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "io.quarkus..", "jakarta.ws.rs..",
                    "jakarta.inject..", "jakarta.enterprise..", "jakarta.transaction..", "java.sql..", "javax.sql..")
            .because("a rule is tested without a database, a server or a container");

    static final ArchRule NO_ENTITIES_OR_BEANS = noClasses().that(POLICIES).should().dependOnClassesThat()
            .areAnnotatedWith(jakarta.persistence.Entity.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(jakarta.enterprise.context.ApplicationScoped.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(jakarta.enterprise.context.RequestScoped.class)
            .because("the services pass records and values in; an entity or a bean would drag the framework along");

    @Test
    void policiesUseNoPersistenceWebInjectionQuarkusOrJdbcType() {
        NO_FRAMEWORK.check(MAIN);
    }

    @Test
    void policiesTakeNoEntityAndNoService() {
        NO_ENTITIES_OR_BEANS.check(MAIN);
    }

    /** The rules above would pass vacuously if the predicate matched nothing: name what it covers. */
    @Test
    void theRulesCoverEveryPolicyClass() {
        Set<String> covered = new TreeSet<>();
        for (JavaClass c : MAIN) {
            if (POLICIES.test(c) && c.getEnclosingClass().isEmpty()) {
                covered.add(c.getSimpleName());
            }
        }
        assertEquals(Set.of("ActivitySignUpPolicy", "AttendancePolicy", "AttendanceRules", "PairingPolicy",
                "RecordingWindow", "WishTransitions", "WorkingDays"), covered);
    }
}
