package org.yimeng.volunteer.support;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.hibernate.exception.ConstraintViolationException;
import org.postgresql.util.PSQLException;
import org.yimeng.kit.error.ApiException;

/**
 * Flushes and turns a named unique, check or exclusion constraint into the contract's error, so a race never becomes
 * a 500. The name is read from PostgreSQL's own error report first: Hibernate does not always extract it for an
 * exclusion constraint (SQLSTATE 23P01).
 */
public final class Constraints {
    private Constraints() {
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
            String name = null;
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                name = p.getServerErrorMessage().getConstraint();
            } else if (t instanceof ConstraintViolationException cve) {
                name = cve.getConstraintName();
            }
            Supplier<ApiException> s = name == null ? null : byConstraint.get(name);
            if (s != null) {
                return s.get();
            }
        }
        return e;
    }
}
