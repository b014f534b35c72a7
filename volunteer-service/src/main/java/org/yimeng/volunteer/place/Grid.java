package org.yimeng.volunteer.place;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A grid (网格) of a community: the unit of "二对一" pairing and of a grid worker's scope. */
@Entity
@Table(name = "grid")
public class Grid extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "community_id")
    public UUID communityId;

    public String name;

    @Column(name = "worker_name")
    public String workerName;

    @Column(name = "worker_phone")
    public String workerPhone;

    @Column(name = "created_at")
    public Instant createdAt;
}
