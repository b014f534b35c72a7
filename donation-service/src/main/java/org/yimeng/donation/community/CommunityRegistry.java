package org.yimeng.donation.community;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads the local registry of communities. */
@ApplicationScoped
public class CommunityRegistry {
    public Optional<Community> find(UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(Community.findById(id));
    }

    /** Those of {@code ids} the ledger knows. */
    public Set<UUID> known(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Community.getEntityManager()
                .createQuery("SELECT c.id FROM Community c WHERE c.id IN :ids", UUID.class)
                .setParameter("ids", ids).getResultList());
    }
}
