package org.yimeng.volunteer.servicerecord;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.support.Refusals.refused;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;

class RecordingWindowTest {
    /** Friday 2026-05-15: ten working days later is Friday 2026-05-29, the next working day Monday 2026-06-01. */
    private static final LocalDate FRIDAY = LocalDate.of(2026, 5, 15);

    @Test
    void serviceIsRecordedFromItsDayUntilTheLastWorkingDayOfTheWindow() {
        assertDoesNotThrow(() -> RecordingWindow.require(FRIDAY, FRIDAY, 10));
        assertDoesNotThrow(() -> RecordingWindow.require(FRIDAY, LocalDate.of(2026, 5, 29), 10));
        // the weekend after the tenth working day adds none
        assertDoesNotThrow(() -> RecordingWindow.require(FRIDAY, LocalDate.of(2026, 5, 31), 10));
        var e = refused(ErrorCode.RECORDING_WINDOW_CLOSED,
                () -> RecordingWindow.require(FRIDAY, LocalDate.of(2026, 6, 1), 10));
        assertEquals("RECORDING_WINDOW_CLOSED.detail.days", e.messageKey());
    }

    @Test
    void serviceInTheFutureIsNotRecorded() {
        refused(ErrorCode.RECORDING_WINDOW_CLOSED, () -> RecordingWindow.require(FRIDAY.plusDays(1), FRIDAY, 10));
    }

    @Test
    void aServiceDayStillToComeIsInsideForAppeals() {
        assertDoesNotThrow(() -> RecordingWindow.requireUnlessLater(FRIDAY.plusDays(1), FRIDAY, 10));
        refused(ErrorCode.RECORDING_WINDOW_CLOSED,
                () -> RecordingWindow.requireUnlessLater(FRIDAY, LocalDate.of(2026, 6, 1), 10));
    }
}
