package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's membership of a pairing; {@code leftAt} set when replaced or when the pairing ended. */
@Entity
@Table(name = "pairing_member")
public class PairingMember extends PanacheEntityBase {
    public static final String LEFT_REPLACED = "REPLACED";
    public static final String LEFT_PAIRING_ENDED = "PAIRING_ENDED";

    @Id
    public UUID id;

    @Column(name = "pairing_id")
    public UUID pairingId;

    @Column(name = "volunteer_id")
    public UUID volunteerId;

    /** 1 or 2: the place in the pair, kept by a replacement. */
    public int slot;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    @Column(name = "left_reason")
    public String leftReason;
}
