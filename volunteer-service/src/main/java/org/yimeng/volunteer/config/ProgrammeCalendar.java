package org.yimeng.volunteer.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

/** The programme's calendar of the business clock's year: what progress and pilot status measure against. */
@ApplicationScoped
public class ProgrammeCalendar {
    @Inject
    ProgrammeConfig config;

    @Inject
    BusinessClock clock;

    /** This year's calendar, by the business date in Asia/Shanghai (1 January there starts the new year's). */
    public ProgrammeYear current() {
        return ProgrammeYear.of(config, clock.today().getYear());
    }

    /** A wrong year key or value stops the start-up instead of the first progress read. */
    void check(@Observes StartupEvent start) {
        for (String key : config.years().keySet()) {
            if (!key.matches("[0-9]{4}")) {
                throw new IllegalArgumentException("programme.years.\"" + key + "\": the key must be a year");
            }
            ProgrammeYear year = ProgrammeYear.of(config, Integer.parseInt(key));
            if (year.pilotDeadline().getYear() != year.year() || year.surveyDeadline().getYear() != year.year()) {
                throw new IllegalArgumentException("programme.years.\"" + key + "\": deadlines must fall in " + key);
            }
        }
    }
}
