package org.yimeng.donation.ledger;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ledger's rules and its money types stay plain Java: no JDBC, JPA, JAX-RS, CDI or Quarkus, and no reaching into
 * the writer's queue or SQL. That is what lets {@code LedgerDeciderTest} run in milliseconds without a database.
 */
class LedgerLayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.yimeng.donation");

    static ArchRule frameworkFree(DescribedPredicate<JavaClass> which) {
        return noClasses().that(which).should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                "jakarta.persistence..", "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.inject..",
                "jakarta.transaction..", "io.quarkus..", "org.hibernate..", "io.vertx..", "org.eclipse.microprofile..")
                .orShould().dependOnClassesThat(belongToAnyOf(LedgerWriter.class, LedgerStore.class));
    }

    @Test
    void theDeciderAndTheMoneyTypesUseNoFrameworkAndNoSql() {
        frameworkFree(belongToAnyOf(LedgerDecider.class, Fen.class, Account.class, LedgerRows.class)).check(MAIN);
    }

    /** A rule that cannot fail would prove nothing: here it catches a class that takes an EntityManager. */
    @Test
    void theRuleCatchesADeciderThatReachesForTheDatabase() {
        JavaClasses impure = new ClassFileImporter().importClasses(ImpureRules.class);
        assertTrue(frameworkFree(belongToAnyOf(ImpureRules.class)).evaluate(impure).hasViolation());
    }

    /** What the rule must refuse. */
    static final class ImpureRules {
        long balance(EntityManager em) {
            return (Long) em.createNativeQuery("SELECT 1").getSingleResult();
        }
    }
}
