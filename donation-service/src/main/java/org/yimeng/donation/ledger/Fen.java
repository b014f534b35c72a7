package org.yimeng.donation.ledger;

/**
 * An amount of money in fen (1/100 yuan), never negative. Entries move a Fen from one account to another; the sign of
 * a movement is which side it is on, never the amount. Arithmetic throws rather than wrap: a sum that overflowed a
 * long would be a wrong balance written to the chain for ever.
 */
public record Fen(long value) implements Comparable<Fen> {
    public static final Fen ZERO = new Fen(0);

    public Fen {
        if (value < 0) {
            throw new IllegalArgumentException("an amount of money cannot be negative: " + value + " fen");
        }
    }

    public static Fen of(long value) {
        return new Fen(value);
    }

    public Fen plus(Fen other) {
        return new Fen(Math.addExact(value, other.value));
    }

    /** The rest after taking {@code other}; throws when {@code other} is more than this (no negative money). */
    public Fen minus(Fen other) {
        return new Fen(Math.subtractExact(value, other.value));
    }

    /** Whether this much can pay {@code wanted}. */
    public boolean covers(Fen wanted) {
        return value >= wanted.value;
    }

    @Override
    public int compareTo(Fen other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + " fen";
    }
}
