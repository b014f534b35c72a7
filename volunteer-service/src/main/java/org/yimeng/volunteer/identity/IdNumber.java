package org.yimeng.volunteer.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character resident ID number of GB 11643: a 6-digit region, an 8-digit birth date, a 3-digit sequence
 * and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private IdNumber() {
    }

    /** Why the number is not valid on {@code today}, or empty when it is. A lowercase x counts as X. */
    public static Optional<String> problem(String raw, LocalDate today) {
        if (raw == null) {
            return Optional.of("is missing");
        }
        String id = normalise(raw);
        if (id.length() != 18) {
            return Optional.of("must have 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!isDigit(id.charAt(i))) {
                return Optional.of("must be 17 digits followed by a digit or X");
            }
        }
        char last = id.charAt(17);
        if (!isDigit(last) && last != 'X') {
            return Optional.of("must be 17 digits followed by a digit or X");
        }
        LocalDate birth = birthDateOrNull(id);
        if (birth == null || birth.isBefore(EARLIEST) || birth.isAfter(today)) {
            return Optional.of("has an impossible birth date");
        }
        if (checkChar(id) != last) {
            return Optional.of("has a wrong check character");
        }
        return Optional.empty();
    }

    /** The name of a {@link #problem}'s reason in the ErrorMessages bundles ({@code INVALID_ID_NUMBER.detail.name}). */
    public static String reasonKey(String problem) {
        return switch (problem) {
            case "is missing" -> "missing";
            case "must have 18 characters" -> "length";
            case "has an impossible birth date" -> "birthDate";
            case "has a wrong check character" -> "checkChar";
            default -> "digits";
        };
    }

    public static boolean isValid(String raw, LocalDate today) {
        return problem(raw, today).isEmpty();
    }

    /** Trimmed, with a lowercase x made uppercase: the form that is stored and compared. */
    public static String normalise(String raw) {
        return raw.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** The birth date encoded in a valid number. */
    public static LocalDate birthDate(String id) {
        return birthDateOrNull(normalise(id));
    }

    /** The MOD 11-2 check character for the first 17 digits. */
    public static char checkChar(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static LocalDate birthDateOrNull(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
