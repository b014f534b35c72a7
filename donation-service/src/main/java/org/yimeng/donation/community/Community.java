package org.yimeng.donation.community;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A community as volunteer-service last announced it; the ledger's own copy (events.md: no shared database). */
@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "county_code", nullable = false)
    public String countyCode;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public boolean pilot;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
