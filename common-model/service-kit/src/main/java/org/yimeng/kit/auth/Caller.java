package org.yimeng.kit.auth;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Role;

/**
 * Who is calling: the role from the token's {@code groups} and the scope claims of api.md. Services decide what a
 * scope may see; this class only reads the token and refuses malformed scope claims.
 */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken jwt;

    public String subject() {
        return jwt.getSubject();
    }

    /**
     * Whom to record as having done something (created-by, confirmed-by, decided-by columns): the token's subject,
     * or its role's name for a token without one, so that the column is never empty.
     */
    public String recorder() {
        String subject = subject();
        return subject == null || subject.isBlank() ? role().map(Enum::name).orElse("unknown") : subject;
    }

    public boolean is(Role role) {
        Set<String> groups = jwt.getGroups();
        return groups != null && groups.contains(role.name());
    }

    public boolean isAny(Role... roles) {
        for (Role r : roles) {
            if (is(r)) {
                return true;
            }
        }
        return false;
    }

    /** The single role a token carries (dev tokens carry one); the highest-ranked one if several. */
    public Optional<Role> role() {
        for (Role r : Role.values()) {
            if (is(r)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Optional<String> county() {
        return claim(Role.CLAIM_COUNTY);
    }

    public Optional<UUID> community() {
        return uuidClaim(Role.CLAIM_COMMUNITY);
    }

    public Optional<UUID> grid() {
        return uuidClaim(Role.CLAIM_GRID);
    }

    public Optional<UUID> volunteer() {
        return uuidClaim(Role.CLAIM_VOLUNTEER);
    }

    /** The scope claim a scoped role must carry; a token of that role without it sees nothing. */
    public String requireCounty() {
        return county().orElseThrow(() -> missing(Role.CLAIM_COUNTY));
    }

    public UUID requireCommunity() {
        return community().orElseThrow(() -> missing(Role.CLAIM_COMMUNITY));
    }

    public UUID requireGrid() {
        return grid().orElseThrow(() -> missing(Role.CLAIM_GRID));
    }

    public UUID requireVolunteer() {
        return volunteer().orElseThrow(() -> missing(Role.CLAIM_VOLUNTEER));
    }

    private Optional<String> claim(String name) {
        Object v = jwt.getClaim(name);
        if (v == null) {
            return Optional.empty();
        }
        String s = v instanceof jakarta.json.JsonString js ? js.getString() : v.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private Optional<UUID> uuidClaim(String name) {
        return claim(name).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.FORBIDDEN, "The token's " + name + " claim is not a valid id")
                        .detail("claimNotId", name);
            }
        });
    }

    private static ApiException missing(String claim) {
        return new ApiException(ErrorCode.FORBIDDEN, "The token carries no " + claim + " scope").detail("noScope", claim);
    }
}
