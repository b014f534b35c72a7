package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A visit of a pairing's volunteers to their household; each volunteer gets a service record for it. */
@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "pairing_id")
    public UUID pairingId;

    @Column(name = "visited_on")
    public LocalDate visitedOn;

    public int minutes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "volunteer_ids", columnDefinition = "uuid[]")
    public UUID[] volunteerIds;

    public String notes;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
