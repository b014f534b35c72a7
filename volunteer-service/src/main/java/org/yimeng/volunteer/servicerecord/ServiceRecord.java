package org.yimeng.volunteer.servicerecord;

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

/**
 * One volunteer's service (志愿服务记录, 志愿服务记录与证明出具办法 §7): from which visit, activity or wish, on which
 * date, where, what, how many minutes, for which organising community and who confirmed it.
 */
@Entity
@Table(name = "service_record")
public class ServiceRecord extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "volunteer_id")
    public UUID volunteerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind")
    public SourceKind sourceKind;

    @Column(name = "source_id")
    public UUID sourceId;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "service_date")
    public LocalDate serviceDate;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public int minutes;

    public String place;

    public String content;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** Set when the minutes were closed by rule rather than measured (e.g. a missing check-out). */
    public boolean flagged;

    @Column(name = "created_at")
    public Instant createdAt;
}
