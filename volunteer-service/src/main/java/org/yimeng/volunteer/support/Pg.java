package org.yimeng.volunteer.support;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.postgresql.util.PSQLException;
import org.yimeng.kit.error.ApiException;

/**
 * Like {@link Constraints}, but reads the constraint name from PostgreSQL's own error report, which also names
 * exclusion constraints (SQLSTATE 23P01) that Hibernate does not always extract.
 */
public final class Pg {
    private Pg() {
    }

    public static void flush(EntityManager em, Map<String, Supplier<ApiException>> byConstraint) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e, byConstraint);
        }
    }

    public static RuntimeException translate(RuntimeException e, Map<String, Supplier<ApiException>> byConstraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                Supplier<ApiException> s = byConstraint.get(p.getServerErrorMessage().getConstraint());
                if (s != null) {
                    return s.get();
                }
            }
        }
        return Constraints.translate(e, byConstraint);
    }
}
