package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class AttendanceCodeTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final UUID ACTIVITY = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    private static final UUID OTHER_ACTIVITY = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8058");
    // 2025-05-18T04:49:00Z is 1747543740 s, a multiple of 30: the first instant of its step
    private static final Instant STEP_START = Instant.parse("2025-05-18T04:49:00Z");

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static String codeAt(Clock clock) {
        return AttendanceCode.current(SECRET, ACTIVITY, clock.instant());
    }

    @Test
    void codeIsEightDigitsAndTheSameThroughoutItsStep() {
        String first = codeAt(at(STEP_START));
        assertTrue(first.matches("\\d{8}"), first);
        assertEquals(first, codeAt(at(STEP_START.plusMillis(29_999))));
    }

    @Test
    void codeChangesAtTheStepBoundary() {
        assertNotEquals(codeAt(at(STEP_START.minusMillis(1))), codeAt(at(STEP_START)));
        assertNotEquals(codeAt(at(STEP_START.plusMillis(29_999))), codeAt(at(STEP_START.plusSeconds(30))));
    }

    @Test
    void codesOfSuccessiveStepsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(codeAt(at(STEP_START.plusSeconds(30L * i))));
        }
        // 8 digits over 200 steps: a collision is possible in principle (p ~ 2e-4) but not for this fixed secret
        assertEquals(200, seen.size());
    }

    @Test
    void validUntilIsTheEndOfTheStep() {
        assertEquals(STEP_START.plusSeconds(30), AttendanceCode.validUntil(STEP_START));
        assertEquals(STEP_START.plusSeconds(30), AttendanceCode.validUntil(STEP_START.plusMillis(29_999)));
        assertEquals(STEP_START.plusSeconds(60), AttendanceCode.validUntil(STEP_START.plusSeconds(30)));
    }

    @Test
    void currentCodeIsAccepted() {
        Clock now = at(STEP_START.plusSeconds(10));
        assertTrue(AttendanceCode.accepts(SECRET, ACTIVITY, codeAt(now), now.instant()));
    }

    @Test
    void previousStepIsStillAcceptedUpToItsLastInstant() {
        String code = codeAt(at(STEP_START));
        // one step later, to its very end
        assertTrue(AttendanceCode.accepts(SECRET, ACTIVITY, code, STEP_START.plusSeconds(30)));
        assertTrue(AttendanceCode.accepts(SECRET, ACTIVITY, code, STEP_START.plusMillis(59_999)));
    }

    @Test
    void twoStepsBackIsRefused() {
        String code = codeAt(at(STEP_START));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, code, STEP_START.plusSeconds(60)));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, code, STEP_START.plus(Duration.ofHours(1))));
    }

    @Test
    void aCodeFromTheFutureIsRefused() {
        String next = codeAt(at(STEP_START.plusSeconds(30)));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, next, STEP_START));
    }

    @Test
    void anotherActivitysCodeIsRefusedEvenUnderTheSameSecret() {
        Instant now = STEP_START.plusSeconds(5);
        String foreign = AttendanceCode.current(SECRET, OTHER_ACTIVITY, now);
        assertNotEquals(foreign, codeAt(at(now)));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, foreign, now));
    }

    @Test
    void aCodeMadeWithAnotherSecretIsRefused() {
        Instant now = STEP_START.plusSeconds(5);
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, AttendanceCode.current(OTHER_SECRET, ACTIVITY, now), now));
    }

    @Test
    void malformedCodesAreRefused() {
        Instant now = STEP_START;
        String code = codeAt(at(now));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, null, now));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, "", now));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, code.substring(1), now));
        assertFalse(AttendanceCode.accepts(SECRET, ACTIVITY, code + "0", now));
    }

    @Test
    void payloadRoundTripsThroughParse() {
        String payload = AttendanceCode.payload(ACTIVITY, "01234567");
        assertEquals("yimeng:attend:" + ACTIVITY + ":01234567", payload);
        assertEquals(Optional.of(new AttendanceCode.Scanned(ACTIVITY, "01234567")), AttendanceCode.parse(payload));
    }

    @Test
    void foreignPayloadsDoNotParse() {
        assertEquals(Optional.empty(), AttendanceCode.parse(null));
        assertEquals(Optional.empty(), AttendanceCode.parse("01234567"));
        assertEquals(Optional.empty(), AttendanceCode.parse("https://example.org/" + ACTIVITY + ":01234567"));
        assertEquals(Optional.empty(), AttendanceCode.parse("yimeng:attend:not-a-uuid-at-all-not-a-uuid-at-a:01234567"));
        assertEquals(Optional.empty(), AttendanceCode.parse("yimeng:attend:" + ACTIVITY + ":0123"));
    }
}
