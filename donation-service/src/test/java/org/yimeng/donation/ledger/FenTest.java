package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Money as fen: never negative, and a sum that does not fit is an error, not a wrapped-around balance. */
class FenTest {

    @Test
    void addsAndSubtracts() {
        assertEquals(Fen.of(150), Fen.of(100).plus(Fen.of(50)));
        assertEquals(Fen.of(50), Fen.of(100).minus(Fen.of(50)));
        assertEquals(Fen.ZERO, Fen.of(100).minus(Fen.of(100)));
    }

    @Test
    void refusesANegativeAmount() {
        assertThrows(IllegalArgumentException.class, () -> Fen.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Fen.of(Long.MIN_VALUE));
    }

    @Test
    void takingMoreThanThereIsIsAnErrorNotANegativeAmount() {
        assertThrows(IllegalArgumentException.class, () -> Fen.of(1).minus(Fen.of(2)));
    }

    @Test
    void aSumPastTheLargestLongThrowsInsteadOfWrapping() {
        assertThrows(ArithmeticException.class, () -> Fen.of(Long.MAX_VALUE).plus(Fen.of(1)));
        assertEquals(Fen.of(Long.MAX_VALUE), Fen.of(Long.MAX_VALUE - 1).plus(Fen.of(1)));
    }

    @Test
    void coversWhatItIsAtLeast() {
        assertTrue(Fen.of(100).covers(Fen.of(100)));
        assertTrue(Fen.of(100).covers(Fen.of(99)));
        assertFalse(Fen.of(100).covers(Fen.of(101)));
        assertTrue(Fen.of(100).compareTo(Fen.of(101)) < 0);
    }
}
