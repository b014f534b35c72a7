package org.yimeng.donation.piggybank;

import java.security.SecureRandom;

/**
 * Printable piggy-bank codes: {@code PB-} and eight characters of Crockford's base32 (no I, L, O, U), so that a code
 * read off a sticker or typed in by a cashier cannot be mistaken for another. 32^8 ≈ 10^12 codes.
 */
final class PiggyBankCodes {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PiggyBankCodes() {
    }

    static String next() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "PB-" + new String(c);
    }
}
