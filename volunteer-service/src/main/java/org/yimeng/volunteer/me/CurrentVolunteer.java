package org.yimeng.volunteer.me;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Role;

/**
 * The caller's own volunteer record: the {@code volunteer} claim of a VOLUNTEER token, else the record linked to the
 * token's {@code sub} (RESIDENT tokens, and VOLUNTEER tokens without the claim). Scope and every {@code /me}
 * operation go through here, so a linked resident acts as that volunteer everywhere a volunteer may.
 */
@RequestScoped
public class CurrentVolunteer {
    @Inject
    Caller caller;

    @Inject
    JsonWebToken jwt;

    @Inject
    EntityManager em;

    private Optional<UUID> resolved;

    /** The caller's volunteer id; 404 NOT_REGISTERED when the caller has no volunteer record. */
    public UUID id() {
        return find().orElseThrow(() -> new ApiException(ErrorCode.NOT_REGISTERED,
                "You are not registered as a volunteer yet: POST /api/v1/me/volunteer"));
    }

    /** The caller's volunteer id, if any (one indexed query per request at most). */
    public Optional<UUID> find() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    /** The token's subject, which a self-registration links; 403 when the token carries none. */
    public String subject() {
        String sub = caller.subject();
        if (sub == null || sub.isBlank()) {
            throw ApiException.forbidden("The token carries no subject");
        }
        return sub;
    }

    /**
     * The resident's phone as the identity provider verified it, as 11 digits; 403 PHONE_NOT_VERIFIED when the
     * token has no phone, an unverified one, or one that is not a mainland mobile number.
     */
    public String verifiedPhone() {
        Object verified = jwt.getClaim(Role.CLAIM_PHONE_NUMBER_VERIFIED);
        boolean ok = verified instanceof Boolean b ? b
                : verified != null && "true".equals(String.valueOf(verified).replace("\"", ""));
        Object phone = jwt.getClaim(Role.CLAIM_PHONE_NUMBER);
        String text = phone instanceof jakarta.json.JsonString js ? js.getString() : phone == null ? null : phone.toString();
        Optional<String> normalised = ResidentPhone.normalise(text);
        if (!ok || normalised.isEmpty()) {
            throw new ApiException(ErrorCode.PHONE_NOT_VERIFIED,
                    "The token needs a verified phone_number (phone_number_verified true) of a mainland mobile");
        }
        return normalised.get();
    }

    private Optional<UUID> resolve() {
        if (caller.is(Role.VOLUNTEER) && caller.volunteer().isPresent()) {
            return caller.volunteer();
        }
        if (!caller.isAny(Role.VOLUNTEER, Role.RESIDENT)) {
            return Optional.empty();
        }
        if (caller.is(Role.RESIDENT) && !caller.is(Role.VOLUNTEER)) {
            verifiedPhone(); // a resident acts only with the phone the identity provider verified
        }
        String sub = caller.subject();
        if (sub == null || sub.isBlank()) {
            return Optional.empty();
        }
        List<?> ids = em.createNativeQuery("SELECT id FROM volunteer WHERE subject = ?1").setParameter(1, sub)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of((UUID) ids.get(0));
    }
}
