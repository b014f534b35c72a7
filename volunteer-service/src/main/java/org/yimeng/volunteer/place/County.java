package org.yimeng.volunteer.place;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A county, district or functional zone of the city; seeded by migration, read-only. */
@Entity
@Table(name = "county")
public class County extends PanacheEntityBase {
    @Id
    public String code;

    public String name;

    public String kind;

    @Column(name = "sort_order")
    public int sortOrder;
}
