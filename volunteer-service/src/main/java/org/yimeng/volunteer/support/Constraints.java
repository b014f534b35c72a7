package org.yimeng.volunteer.support;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.hibernate.exception.ConstraintViolationException;
import org.yimeng.kit.error.ApiException;

/** Flushes and turns a named unique or check constraint into the contract's error, so a race never becomes 500. */
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
            if (t instanceof ConstraintViolationException cve && cve.getConstraintName() != null) {
                Supplier<ApiException> s = byConstraint.get(cve.getConstraintName());
                if (s != null) {
                    return s.get();
                }
            }
        }
        return e;
    }
}
