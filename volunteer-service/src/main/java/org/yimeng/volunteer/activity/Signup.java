package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's sign-up for an activity and their attendance (check-in, check-out). */
@Entity
@Table(name = "activity_signup")
public class Signup extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "activity_id")
    public UUID activityId;

    @Column(name = "volunteer_id")
    public UUID volunteerId;

    /** The activity's times, copied for the database's no-overlap rule. */
    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "checked_in_at")
    public Instant checkedInAt;

    @Column(name = "checked_out_at")
    public Instant checkedOutAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
