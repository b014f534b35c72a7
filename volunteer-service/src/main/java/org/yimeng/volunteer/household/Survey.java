package org.yimeng.volunteer.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A needs survey (需求摸底) of a household: who surveyed it, when, and the needs found. */
@Entity
@Table(name = "survey")
public class Survey extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "household_id")
    public UUID householdId;

    @Column(name = "surveyed_on")
    public LocalDate surveyedOn;

    public String surveyor;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "survey_need", joinColumns = @JoinColumn(name = "survey_id"))
    @OrderColumn(name = "ordinal")
    public List<Need> needs = new ArrayList<>();

    @Column(name = "created_at")
    public Instant createdAt;
}
