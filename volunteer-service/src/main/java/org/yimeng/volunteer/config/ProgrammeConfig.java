package org.yimeng.volunteer.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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

    Pairing pairing();

    Service service();

    interface Pilot {
        /** Share of a county's villages/communities that must be pilots. */
        @WithDefault("0.20")
        BigDecimal targetRatio();

        @WithDefault("2025-05-30")
        LocalDate deadline();
    }

    interface Survey {
        @WithDefault("2025-06-30")
        LocalDate deadline();
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
