package org.yimeng.volunteer.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The programme's calendar for one year: the pilot ratio, the pilot and survey deadlines and the review month. A
 * year's own configuration wins value by value; what it lacks comes from the defaults, applied to that year (so a 2026
 * date never sees 2025's deadlines). A plain rule, tested without the service.
 */
public record ProgrammeYear(int year, BigDecimal pilotTargetRatio, LocalDate pilotDeadline, LocalDate surveyDeadline,
        @Schema(implementation = String.class, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", examples = "2026-07",
                description = "the month of the year's review meeting") YearMonth reviewMonth) {

    public ProgrammeYear {
        if (pilotTargetRatio.signum() < 0 || pilotTargetRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("programme year " + year + ": pilot ratio must be between 0 and 1");
        }
    }

    /** The calendar of {@code year} from the configuration. */
    public static ProgrammeYear of(ProgrammeConfig config, int year) {
        return of(year, config.years(), config.pilot().targetRatio(), config.pilot().deadline(),
                config.survey().deadline(), config.reviewMonth());
    }

    static ProgrammeYear of(int year, Map<String, ProgrammeConfig.Year> years, BigDecimal defaultRatio,
            MonthDay defaultPilotDeadline, MonthDay defaultSurveyDeadline, int defaultReviewMonth) {
        ProgrammeConfig.Year own = years.get(Integer.toString(year));
        Optional<ProgrammeConfig.Year> o = Optional.ofNullable(own);
        LocalDate pilot = o.flatMap(ProgrammeConfig.Year::pilotDeadline).orElse(defaultPilotDeadline.atYear(year));
        LocalDate survey = o.flatMap(ProgrammeConfig.Year::surveyDeadline).orElse(defaultSurveyDeadline.atYear(year));
        int review = o.flatMap(ProgrammeConfig.Year::reviewMonth).orElse(defaultReviewMonth);
        if (review < 1 || review > 12) {
            throw new IllegalArgumentException("programme year " + year + ": review month must be 1 to 12");
        }
        return new ProgrammeYear(year, o.flatMap(ProgrammeConfig.Year::pilotRatio).orElse(defaultRatio), pilot,
                survey, YearMonth.of(year, review));
    }
}
