package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer activity of a community: a fair, an emergency call-out or a regular activity. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Enumerated(EnumType.STRING)
    public ActivityKind kind;

    public String title;

    public String place;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public int capacity;

    public int signups;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] skills;

    @Enumerated(EnumType.STRING)
    public ActivityStatus status;

    @Column(name = "funding_fen")
    public Long fundingFen;

    @Column(name = "funding_request_id")
    public UUID fundingRequestId;

    @Column(name = "funding_entry_id")
    public UUID fundingEntryId;

    @Column(name = "funding_reason")
    public String fundingReason;

    @Column(name = "funding_decided_at")
    public Instant fundingDecidedAt;

    /** Optional centre of the activity; with {@code radiusM} a geofence for self check-in (degrees, WGS-84). */
    public Double lat;

    public Double lng;

    @Column(name = "radius_m")
    public Integer radiusM;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Changes told to the signed-up volunteers so far, from 1 (docs/notifications.md). */
    public int version;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancelled_reason")
    public String cancelledReason;
}
