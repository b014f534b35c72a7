package org.yimeng.volunteer.me;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.Role;

/**
 * The caller as a volunteer, for every "me" decision. Minimal stand-in: reads the {@code volunteer} claim of a
 * VOLUNTEER token only; the resident-identity work replaces it (RESIDENT tokens linked by {@code sub}).
 */
@RequestScoped
public class CurrentVolunteer {
    @Inject
    Caller caller;

    /** The caller's volunteer id, if the token names one. */
    public Optional<UUID> find() {
        return caller.is(Role.VOLUNTEER) ? caller.volunteer() : Optional.empty();
    }

    /** The caller's volunteer id; 403 for a caller who is not a volunteer. */
    public UUID id() {
        return find().orElseThrow(() -> ApiException.forbidden("Only a volunteer acts for themself here"));
    }
}
