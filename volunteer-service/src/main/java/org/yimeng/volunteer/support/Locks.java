package org.yimeng.volunteer.support;

import java.util.Arrays;

import jakarta.persistence.EntityManager;

/**
 * Transaction-scoped advisory locks on natural keys (a phone, an ID number, an address). Taken before a
 * "does it exist already?" check they make the check authoritative under concurrency, so that a duplicate gets
 * its proper 409 naming the existing record; the unique constraints stay as the backstop. Keys are locked in
 * sorted order so that two transactions can never wait on each other in a cycle.
 */
public final class Locks {
    private Locks() {
    }

    public static void lock(EntityManager em, String... keys) {
        String[] sorted = keys.clone();
        Arrays.sort(sorted);
        for (String key : sorted) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, "volunteer-service|" + key).getSingleResult();
        }
    }

    /**
     * The same lock without waiting, for work one replica at a time should do (a scheduled job): true when this
     * transaction holds it now, false when another one does.
     */
    public static boolean tryLock(EntityManager em, String key) {
        Object got = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "volunteer-service|" + key).getSingleResult();
        return Boolean.TRUE.equals(got);
    }
}
