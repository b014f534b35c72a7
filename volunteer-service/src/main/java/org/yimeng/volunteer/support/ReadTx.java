package org.yimeng.volunteer.support;

import jakarta.persistence.EntityManager;

import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * The read endpoints run in one transaction of their own (the resources call them directly): one pooled connection,
 * one borrow check and one commit per request instead of one of each per statement, and the audit event of the read
 * commits with it. Within that transaction nothing is written through the entities, so the persistence context is
 * made read-only: loaded entities keep no snapshot, and Hibernate neither flushes before each query (the audit
 * INSERT included) nor dirty-checks the page at commit.
 */
public final class ReadTx {
    private ReadTx() {
    }

    /** Call first in a read method whose own {@code @Transactional} began the transaction; never inside a write. */
    public static void readOnly(EntityManager em) {
        Session session = em.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }
}
