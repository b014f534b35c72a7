package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/** A community was created or changed in volunteer-service; the ledger keeps its own registry from these. */
public record CommunityChanged(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID communityId, String countyCode, String name, String kind, boolean pilot) implements PlatformEvent {

    public static final String TYPE = "CommunityChanged";

    public static CommunityChanged of(UUID communityId, String countyCode, String name, String kind, boolean pilot) {
        return new CommunityChanged(UUID.randomUUID(), TYPE, Instant.now(), 1, communityId, countyCode, name, kind, pilot);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
