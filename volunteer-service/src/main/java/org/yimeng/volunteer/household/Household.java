package org.yimeng.volunteer.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A household in difficulty (服务对象) of a community, optionally placed in a grid. */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    @Column(name = "head_name")
    public String headName;

    @Column(name = "head_id_number")
    public String headIdNumber;

    public String phone;

    public String address;

    /** {@link AddressNormaliser} form of the address: the duplicate key with the community and head name. */
    @Column(name = "normalised_address")
    public String normalisedAddress;

    @Column(name = "member_count")
    public int memberCount;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] categories;

    @Column(name = "first_surveyed_on")
    public LocalDate firstSurveyedOn;

    /** The ACTIVE pairing, maintained by the pairing service under this row's lock; null while unpaired. */
    @Column(name = "active_pairing_id")
    public UUID activePairingId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the personal details were erased on request; null while they are kept. */
    @Column(name = "erased_at")
    public Instant erasedAt;
}
