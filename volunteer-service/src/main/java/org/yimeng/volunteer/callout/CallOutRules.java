package org.yimeng.volunteer.callout;

import java.time.Duration;
import java.time.Instant;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/** When a call-out asks more people, and when an ask can be answered: plain rules. */
public final class CallOutRules {
    private CallOutRules() {
    }

    /**
     * How many to ask now: none while the asks still awaiting an answer (younger than {@code waitFor}) could fill the
     * free places, else a wave.
     */
    public static int nextWave(int freePlaces, int pendingFresh, int waveSize) {
        return freePlaces > pendingFresh ? waveSize : 0;
    }

    /** Whether an unanswered ask made at {@code askedAt} still counts as awaited. */
    public static boolean fresh(Instant askedAt, Instant now, Duration waitFor) {
        return askedAt.plus(waitFor).isAfter(now);
    }

    /** An answer is taken once, and only before the activity starts while it can still take place. */
    public static void checkAnswer(String answer, boolean activityOpen, Instant startsAt, Instant now) {
        if (answer != null) {
            throw new ApiException(ErrorCode.CALL_OUT_ALREADY_ANSWERED, "Already answered: " + answer);
        }
        if (!activityOpen || !now.isBefore(startsAt)) {
            throw new ApiException(ErrorCode.CALL_OUT_CLOSED, "The activity has started or cannot take place");
        }
    }
}
