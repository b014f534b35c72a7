package org.yimeng.volunteer.attendance;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A volunteer's appeal of their own attendance at an activity: a forgotten check-out (the real time), or a forgotten
 * check-in (both times). County, community and grid are the activity's, for the organisers' scope.
 */
@Entity
@Table(name = "attendance_appeal")
public class AttendanceAppeal extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "activity_id")
    public UUID activityId;

    @Column(name = "volunteer_id")
    public UUID volunteerId;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Column(name = "checked_in_at")
    public Instant checkedInAt;

    @Column(name = "checked_out_at")
    public Instant checkedOutAt;

    public String reason;

    @Enumerated(EnumType.STRING)
    public AppealStatus status;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "previous_checked_in_at")
    public Instant previousCheckedInAt;

    @Column(name = "previous_checked_out_at")
    public Instant previousCheckedOutAt;

    @Column(name = "service_record_id")
    public UUID serviceRecordId;
}
