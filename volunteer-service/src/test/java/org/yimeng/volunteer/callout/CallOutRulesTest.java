package org.yimeng.volunteer.callout;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

class CallOutRulesTest {
    private static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

    @Test
    void aWaveGoesOutOnlyWhileTheAwaitedAsksCannotFillTheFreePlaces() {
        assertEquals(5, CallOutRules.nextWave(3, 2, 5));
        assertEquals(0, CallOutRules.nextWave(3, 3, 5));
        assertEquals(0, CallOutRules.nextWave(0, 0, 5));
    }

    @Test
    void anAskIsAwaitedForTheWaitAndNoLonger() {
        Duration wait = Duration.ofMinutes(10);
        assertTrue(CallOutRules.fresh(NOW.minus(Duration.ofMinutes(9)), NOW, wait));
        assertFalse(CallOutRules.fresh(NOW.minus(wait), NOW, wait));
    }

    @Test
    void anAnswerIsTakenOnceAndOnlyBeforeTheStart() {
        Instant start = NOW.plus(Duration.ofHours(1));
        assertDoesNotThrow(() -> CallOutRules.checkAnswer(null, true, start, NOW));
        assertEquals(ErrorCode.CALL_OUT_ALREADY_ANSWERED, assertThrows(ApiException.class,
                () -> CallOutRules.checkAnswer("DECLINED", true, start, NOW)).code());
        assertEquals(ErrorCode.CALL_OUT_CLOSED, assertThrows(ApiException.class,
                () -> CallOutRules.checkAnswer(null, true, NOW, NOW)).code());
        assertEquals(ErrorCode.CALL_OUT_CLOSED, assertThrows(ApiException.class,
                () -> CallOutRules.checkAnswer(null, false, start, NOW)).code());
    }
}
