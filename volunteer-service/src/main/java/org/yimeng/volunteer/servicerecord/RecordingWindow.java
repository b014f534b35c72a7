package org.yimeng.volunteer.servicerecord;

import java.time.LocalDate;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * The recording window (§11) as a rule that refuses: a service is recorded within N working days of the day it
 * took place. Completion, appeals, visits and fulfilled wishes all ask it; the days are counted by {@link WorkingDays}.
 */
public final class RecordingWindow {
    private RecordingWindow() {
    }

    /** Refuses a service day in the future or more than {@code workingDays} working days before {@code today}. */
    public static void require(LocalDate serviceDay, LocalDate today, int workingDays) {
        if (!WorkingDays.withinWindow(serviceDay, today, workingDays)) {
            throw closed(workingDays);
        }
    }

    /**
     * As {@link #require}, but a service day still to come (an activity ending later) is inside: an appeal may be
     * filed while the activity is going on.
     */
    public static void requireUnlessLater(LocalDate serviceDay, LocalDate today, int workingDays) {
        if (!serviceDay.isAfter(today)) {
            require(serviceDay, today, workingDays);
        }
    }

    private static ApiException closed(int workingDays) {
        return new ApiException(ErrorCode.RECORDING_WINDOW_CLOSED,
                "Service is recorded within " + workingDays + " working days of the day it took place")
                .detail("days", workingDays);
    }
}
