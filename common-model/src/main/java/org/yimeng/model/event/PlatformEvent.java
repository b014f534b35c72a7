package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on the platform's topics carries (events.md). Records implement it; Jackson writes and reads
 * them as plain JSON objects, so adding a field stays compatible for older readers.
 */
public interface PlatformEvent {
    UUID eventId();

    /** The event's simple type name, also sent as the {@code event-type} Kafka header. */
    String type();

    Instant occurredAt();

    int schemaVersion();

    /** The Kafka record key: the community id for every community-scoped event. */
    String key();
}
