package org.yimeng.donation.ledger;

import java.util.UUID;

/**
 * A ledger account, parsed from and formatted to the string that entries carry (and so the hash line, the JSON and
 * the export) in this one place. An entry moves its amount from its debit account to its credit account; an
 * account's balance is its credits minus its debits, so the balances of all accounts always sum to zero.
 * <ul>
 * <li>{@code city:donations-in}: where every gift comes from; its balance is minus everything given.</li>
 * <li>{@code community:<uuid>:fund}: one community's fund; never below zero.</li>
 * <li>{@code activity:<uuid>:spending}: what one activity received from its community's fund.</li>
 * </ul>
 */
public sealed interface Account {
    DonationsIn DONATIONS_IN = new DonationsIn();

    /** The string form, exactly as stored and hashed. */
    String format();

    /** DONATIONS_IN, FUND or SPENDING: the {@code account_balance.kind} column. */
    String kind();

    static Fund fund(UUID communityId) {
        return new Fund(communityId);
    }

    static Spending spending(UUID activityId) {
        return new Spending(activityId);
    }

    /**
     * The account a string names. Only the canonical form is accepted (lower-case UUIDs as {@link UUID#toString}
     * writes them): a second spelling of one account would split its balance in two.
     */
    static Account parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("not a ledger account: null");
        }
        Account a;
        if (s.equals(DonationsIn.NAME)) {
            return DONATIONS_IN;
        } else if (s.startsWith(Fund.PREFIX) && s.endsWith(Fund.SUFFIX)) {
            a = new Fund(uuid(s, Fund.PREFIX, Fund.SUFFIX));
        } else if (s.startsWith(Spending.PREFIX) && s.endsWith(Spending.SUFFIX)) {
            a = new Spending(uuid(s, Spending.PREFIX, Spending.SUFFIX));
        } else {
            throw new IllegalArgumentException("not a ledger account: " + s);
        }
        if (!a.format().equals(s)) {
            throw new IllegalArgumentException("not a ledger account in its canonical form: " + s);
        }
        return a;
    }

    private static UUID uuid(String s, String prefix, String suffix) {
        if (s.length() <= prefix.length() + suffix.length()) {
            throw new IllegalArgumentException("not a ledger account: " + s);
        }
        try {
            return UUID.fromString(s.substring(prefix.length(), s.length() - suffix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a ledger account: " + s, e);
        }
    }

    /** The city's account that every gift comes from. */
    record DonationsIn() implements Account {
        static final String NAME = "city:donations-in";

        @Override
        public String format() {
            return NAME;
        }

        @Override
        public String kind() {
            return "DONATIONS_IN";
        }
    }

    /** One community's fund: money given to it, spent only on its own activities. */
    record Fund(UUID communityId) implements Account {
        static final String PREFIX = "community:";
        static final String SUFFIX = ":fund";

        public Fund {
            if (communityId == null) {
                throw new IllegalArgumentException("a fund needs its community");
            }
        }

        @Override
        public String format() {
            return PREFIX + communityId + SUFFIX;
        }

        @Override
        public String kind() {
            return "FUND";
        }
    }

    /** What one activity received from its community's fund. */
    record Spending(UUID activityId) implements Account {
        static final String PREFIX = "activity:";
        static final String SUFFIX = ":spending";

        public Spending {
            if (activityId == null) {
                throw new IllegalArgumentException("a spending account needs its activity");
            }
        }

        @Override
        public String format() {
            return PREFIX + activityId + SUFFIX;
        }

        @Override
        public String kind() {
            return "SPENDING";
        }
    }
}
