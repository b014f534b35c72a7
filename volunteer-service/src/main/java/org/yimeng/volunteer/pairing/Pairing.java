package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A "二对一" pairing: one household, two volunteers of its community (members in {@link PairingMember}). */
@Entity
@Table(name = "pairing")
public class Pairing extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "household_id")
    public UUID householdId;

    @Column(name = "community_id")
    public UUID communityId;

    @Enumerated(EnumType.STRING)
    public PairingStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;
}
