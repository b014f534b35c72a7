package org.yimeng.kit;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The probe's row. The kit itself maps no entity; without one Quarkus would not start Hibernate ORM in the probe
 * application, and a service's resources use an EntityManager beside the kit.
 */
@Entity
@Table(name = "kit_probe_effect")
public class KitProbeEffect {
    @Id
    public UUID id;

    public String label;

    @Column(name = "amount_fen")
    public long amountFen;
}
