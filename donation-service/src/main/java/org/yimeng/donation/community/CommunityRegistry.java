package org.yimeng.donation.community;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads the local registry of communities. */
@ApplicationScoped
public class CommunityRegistry {
    public Optional<Community> find(UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(Community.findById(id));
    }
}
