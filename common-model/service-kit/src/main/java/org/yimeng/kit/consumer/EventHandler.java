package org.yimeng.kit.consumer;

import java.util.List;

import org.yimeng.model.event.PlatformEvent;

/**
 * Applies one topic's events. Implementations are CDI beans; {@link EventConsumer} finds them, reads their topic
 * and calls them inside the transaction that also records each event id, so an event is applied exactly once.
 */
public interface EventHandler<E extends PlatformEvent> {
    String topic();

    Class<E> eventType();

    /**
     * The class to read a record as, from its {@code event-type} header (null when the record has none): a topic may
     * carry several event types (ledger.donations.v1: DonationRecorded and ReversalRecorded).
     */
    default Class<? extends E> eventType(String typeHeader) {
        return eventType();
    }

    /** Applies one event; runs in the caller's transaction. Throw {@link PoisonEventException} for a record that can never apply. */
    void apply(E event);

    /** Applies several new events in one transaction; override for bulk writes. */
    default void applyAll(List<E> events) {
        events.forEach(this::apply);
    }

    /** Where records that can never be applied go, with the reason; null to log and skip them. */
    default String deadLetterTopic() {
        return null;
    }
}
