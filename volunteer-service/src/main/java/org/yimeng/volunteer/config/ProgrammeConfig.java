package org.yimeng.volunteer.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The programme's numbers (domain.md): targets, deadlines and limits are configuration, not code. */
@ConfigMapping(prefix = "programme")
public interface ProgrammeConfig {

    /** The calendar of business dates (service dates, ISO weeks, deadlines). */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Pilot pilot();

    Survey survey();

    /** The review month (the July review of archives and wishes) of a year without its own entry. */
    @WithDefault("7")
    int reviewMonth();

    /**
     * The programme's calendar is per year (domain.md): {@code programme.years."2026".pilot-deadline=2026-05-29}; a
     * year without an entry, or an entry without a value, takes the defaults above (see {@link ProgrammeYear}).
     */
    Map<String, Year> years();

    Pairing pairing();

    Service service();

    interface Pilot {
        /** Share of a county's villages/communities that must be pilots, in a year without its own ratio. */
        @WithDefault("0.20")
        BigDecimal targetRatio();

        /** The pilot deadline's month and day in a year without its own ({@code --05-30}). */
        @WithDefault("--05-30")
        MonthDay deadline();
    }

    interface Survey {
        /** The needs survey's deadline month and day in a year without its own. */
        @WithDefault("--06-30")
        MonthDay deadline();
    }

    /** One year's own calendar; each value absent falls back to the default. */
    interface Year {
        Optional<BigDecimal> pilotRatio();

        Optional<LocalDate> pilotDeadline();

        Optional<LocalDate> surveyDeadline();

        /** 1 to 12. */
        Optional<Integer> reviewMonth();
    }

    interface Pairing {
        /** How many ACTIVE pairings one volunteer may serve at once. */
        @WithDefault("3")
        int maxActivePerVolunteer();
    }

    interface Service {
        /** Confirmed minutes in an ISO week that meet "one hour a week". */
        @WithDefault("60")
        int weeklyGoalMinutes();

        /** Confirmed hours for 1★ to 5★. */
        @WithDefault("100,300,600,1000,1500")
        List<Integer> starThresholdsHours();

        /** Service records are entered within this many working days of the service (§11). */
        @WithDefault("10")
        int recordingWindowWorkingDays();
    }
}
