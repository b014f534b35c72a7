package org.yimeng.donation.ledger;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The programme's one time zone ({@code programme.zone}, the key volunteer-service reads too): the dates of
 * statements and fund reports, the times people read in CSVs, the year in receipt numbers. Read here only, so that
 * no second definition can drift from it.
 */
@ApplicationScoped
public class ProgrammeZone {
    @ConfigProperty(name = "programme.zone", defaultValue = "Asia/Shanghai")
    ZoneId zone;

    public ZoneId zone() {
        return zone;
    }
}
