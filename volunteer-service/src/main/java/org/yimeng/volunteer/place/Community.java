package org.yimeng.volunteer.place;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.yimeng.model.CommunityKind;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A village or community (村/社区) of a county; may be a pilot of "沂蒙红·邻里守望". */
@Entity
@Table(name = "community")
public class Community extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "county_code")
    public String countyCode;

    public String name;

    @Enumerated(EnumType.STRING)
    public CommunityKind kind;

    /** Optional 12-digit statistical code. */
    public String code;

    public boolean pilot;

    @Column(name = "pilot_since")
    public LocalDate pilotSince;

    @Column(name = "fund_balance_fen")
    public long fundBalanceFen;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
