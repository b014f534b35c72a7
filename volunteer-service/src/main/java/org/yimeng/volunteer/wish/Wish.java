package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A household's micro-wish (微心愿); it carries the household's place for scope and progress. */
@Entity
@Table(name = "wish")
public class Wish extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "household_id")
    public UUID householdId;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    public String title;

    public String description;

    @Column(name = "estimated_cost_fen")
    public Long estimatedCostFen;

    @Enumerated(EnumType.STRING)
    public WishStatus status;

    @Column(name = "claimant_id")
    public UUID claimantId;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "fulfilled_on")
    public LocalDate fulfilledOn;

    @Column(name = "fulfil_note")
    public String fulfilNote;

    @Column(name = "fulfil_minutes")
    public Integer fulfilMinutes;

    @Column(name = "cancel_reason")
    public String cancelReason;

    /** The token subject of whoever recorded the wish; null for wishes recorded before it was kept. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
