package org.yimeng.volunteer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The programme calendar per year: a year's own values win one by one, the defaults fall in that year. */
class ProgrammeYearTest {
    private static final BigDecimal RATIO = new BigDecimal("0.20");
    private static final MonthDay PILOT = MonthDay.of(5, 30);
    private static final MonthDay SURVEY = MonthDay.of(6, 30);

    private static ProgrammeYear of(int year, Map<String, ProgrammeConfig.Year> years) {
        return ProgrammeYear.of(year, years, RATIO, PILOT, SURVEY, 7);
    }

    private static ProgrammeConfig.Year year(BigDecimal ratio, LocalDate pilot, LocalDate survey, Integer review) {
        return new ProgrammeConfig.Year() {
            public Optional<BigDecimal> pilotRatio() {
                return Optional.ofNullable(ratio);
            }

            public Optional<LocalDate> pilotDeadline() {
                return Optional.ofNullable(pilot);
            }

            public Optional<LocalDate> surveyDeadline() {
                return Optional.ofNullable(survey);
            }

            public Optional<Integer> reviewMonth() {
                return Optional.ofNullable(review);
            }
        };
    }

    @Test
    void aYearWithoutAnEntryGetsTheDefaultsInThatYearNotTheFirstYearsDates() {
        Map<String, ProgrammeConfig.Year> years = Map.of("2025",
                year(null, LocalDate.of(2025, 5, 30), LocalDate.of(2025, 6, 30), null));
        ProgrammeYear y2026 = of(2026, years);
        assertEquals(LocalDate.of(2026, 5, 30), y2026.pilotDeadline());
        assertEquals(LocalDate.of(2026, 6, 30), y2026.surveyDeadline());
        assertEquals(YearMonth.of(2026, 7), y2026.reviewMonth());
        assertEquals(RATIO, y2026.pilotTargetRatio());
    }

    @Test
    void aYearsOwnValuesWinOneByOne() {
        Map<String, ProgrammeConfig.Year> years = Map.of("2026",
                year(new BigDecimal("0.30"), LocalDate.of(2026, 4, 30), null, 9));
        ProgrammeYear y = of(2026, years);
        assertEquals(new BigDecimal("0.30"), y.pilotTargetRatio());
        assertEquals(LocalDate.of(2026, 4, 30), y.pilotDeadline());
        assertEquals(LocalDate.of(2026, 6, 30), y.surveyDeadline());
        assertEquals(YearMonth.of(2026, 9), y.reviewMonth());
        assertEquals(LocalDate.of(2025, 5, 30), of(2025, years).pilotDeadline());
    }

    @Test
    void aLeapDayDefaultFallsOnTheLastOfFebruaryInOtherYears() {
        assertEquals(LocalDate.of(2027, 2, 28),
                ProgrammeYear.of(2027, Map.of(), RATIO, MonthDay.of(2, 29), SURVEY, 7).pilotDeadline());
    }

    @Test
    void aReviewMonthOrRatioOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> of(2026, Map.of("2026", year(null, null, null, 13))));
        assertThrows(IllegalArgumentException.class,
                () -> of(2026, Map.of("2026", year(new BigDecimal("1.5"), null, null, null))));
    }
}
