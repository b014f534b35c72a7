package org.yimeng.model;

/** Masks personal numbers for responses and logs (domain.md, 个人信息保护法): 138****5678, 371302********1234. */
public final class Masking {
    private Masking() {
    }

    /** Keeps the first 3 and last 4 digits of a phone number. */
    public static String phone(String phone) {
        return keepEnds(phone, 3, 4);
    }

    /** Keeps the first 6 (the region) and last 4 characters of a resident ID number. */
    public static String idNumber(String id) {
        return keepEnds(id, 6, 4);
    }

    private static String keepEnds(String s, int head, int tail) {
        if (s == null) {
            return null;
        }
        if (s.length() <= head + tail) {
            return "*".repeat(s.length());
        }
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }
}
