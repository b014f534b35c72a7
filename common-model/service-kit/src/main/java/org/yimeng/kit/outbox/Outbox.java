package org.yimeng.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.yimeng.model.event.PlatformEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transactional outbox: {@link #publish} writes the event in the caller's transaction, so the event exists if
 * and only if the change that caused it committed. {@link OutboxRelay} sends it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    /** An event and the topic it goes to. */
    public record Message(String topic, PlatformEvent event) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, PlatformEvent event) {
        publishAll(List.of(new Message(topic, event)));
    }

    /**
     * Several events with one statement (a batch writer's thousands of events per transaction would otherwise cost
     * one round trip each); the same rows, in the same transaction, as {@link #publish} would write.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        Object[] ids = new Object[n], topics = new Object[n], keys = new Object[n], types = new Object[n],
                payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            PlatformEvent event = messages.get(i).event();
            ids[i] = event.eventId().toString();
            topics[i] = messages.get(i).topic();
            keys[i] = event.key();
            types[i] = event.type();
            try {
                payloads[i] = mapper.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + event.type(), e);
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO kit_outbox (event_id, topic, record_key, event_type, payload) "
                        + "SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", topics));
            ps.setArray(3, c.createArrayOf("text", keys));
            ps.setArray(4, c.createArrayOf("text", types));
            ps.setArray(5, c.createArrayOf("text", payloads));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write outbox", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
