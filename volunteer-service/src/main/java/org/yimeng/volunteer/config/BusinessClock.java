package org.yimeng.volunteer.config;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Today and this week in the programme's calendar (Asia/Shanghai), whatever the JVM's zone. */
@ApplicationScoped
public class BusinessClock {
    @Inject
    ProgrammeConfig config;

    Clock clock = Clock.systemUTC();

    /** Tests set the business date (e.g. a day of 2026) with a fixed clock; nothing in the service calls it. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Microseconds, as PostgreSQL stores them: a create response shows the same instant a later read does. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    /** Monday of the current ISO week. */
    public LocalDate weekStart() {
        return today().with(DayOfWeek.MONDAY);
    }

    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, config.zone());
    }
}
