package org.yimeng.donation.ledger;

import java.util.UUID;

/**
 * Account names, as they appear in entries (and so in the hash line). An entry moves {@code amountFen} from its
 * debit account to its credit account; an account's balance is its credits minus its debits, so the balances of all
 * accounts always sum to zero.
 * <ul>
 * <li>{@code city:donations-in}: where every gift comes from; its balance is minus everything given.</li>
 * <li>{@code community:<uuid>:fund}: one community's fund; never below zero.</li>
 * <li>{@code activity:<uuid>:spending}: what one activity received from its community's fund.</li>
 * </ul>
 */
public final class Accounts {
    public static final String DONATIONS_IN = "city:donations-in";

    private Accounts() {
    }

    public static String fund(UUID communityId) {
        return "community:" + communityId + ":fund";
    }

    public static String spending(UUID activityId) {
        return "activity:" + activityId + ":spending";
    }

    /** DONATIONS_IN, FUND or SPENDING (the {@code account_balance.kind} column). */
    public static String kind(String account) {
        if (DONATIONS_IN.equals(account)) {
            return "DONATIONS_IN";
        }
        if (account.startsWith("community:") && account.endsWith(":fund")) {
            return "FUND";
        }
        if (account.startsWith("activity:") && account.endsWith(":spending")) {
            return "SPENDING";
        }
        throw new IllegalArgumentException("not a ledger account: " + account);
    }

    public static boolean isFund(String account) {
        return account.startsWith("community:") && account.endsWith(":fund");
    }

    /** The activity of a spending account, or null. */
    public static UUID activityOf(String account) {
        if (account.startsWith("activity:") && account.endsWith(":spending")) {
            return UUID.fromString(account.substring("activity:".length(), account.length() - ":spending".length()));
        }
        return null;
    }
}
