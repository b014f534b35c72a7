package org.yimeng.volunteer.volunteer;

import java.time.Instant;
import java.time.LocalDate;
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

/** A registered volunteer of a community. Phone and ID number are stored in full and never shown so. */
@Entity
@Table(name = "volunteer")
public class Volunteer extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "county_code")
    public String countyCode;

    @Column(name = "community_id")
    public UUID communityId;

    @Column(name = "grid_id")
    public UUID gridId;

    public String name;

    public String phone;

    @Column(name = "id_number")
    public String idNumber;

    @Enumerated(EnumType.STRING)
    public Gender gender;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] skills;

    @Enumerated(EnumType.STRING)
    public VolunteerStatus status;

    @Column(name = "consent_at")
    public Instant consentAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The identity provider's {@code sub} of the resident this record belongs to, once linked (unique). */
    public String subject;

    /** When the person withdrew consent and their details were erased; the row stays for the counts. */
    @Column(name = "erased_at")
    public Instant erasedAt;
}
