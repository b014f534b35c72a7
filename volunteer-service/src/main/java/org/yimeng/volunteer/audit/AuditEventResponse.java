package org.yimeng.volunteer.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One audit event: who ({@code actor}, {@code role}, {@code scope}), when, what ({@code action} on
 * {@code entityType}/{@code entityId}, or for a LIST the ids shown in {@code entityIds}) and which fields; a REVEAL
 * carries the {@code reason} the caller gave.
 */
public record AuditEventResponse(UUID id, Instant at, String actor, String role, ScopeClaims scope,
        AuditTrail.Action action, AuditTrail.EntityType entityType, @Schema(nullable = true) UUID entityId,
        @Schema(nullable = true) List<UUID> entityIds, @Schema(nullable = true) List<String> fields,
        @Schema(nullable = true) String reason) {

    /** The caller's scope claims as the token carried them. */
    public record ScopeClaims(@Schema(nullable = true) String county, @Schema(nullable = true) UUID community, @Schema(nullable = true) UUID grid, @Schema(nullable = true) UUID volunteer) {
    }
}
