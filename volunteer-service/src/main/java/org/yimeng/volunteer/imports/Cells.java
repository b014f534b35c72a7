package org.yimeng.volunteer.imports;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one spreadsheet cell becomes a value: NFKC (full-width digits and letters folded), trimmed, inner whitespace
 * collapsed, and the apostrophe that an export puts before a formula-like value removed again. People's own text
 * (names, addresses, details) is only trimmed ({@link #typed}).
 */
public final class Cells {
    /** Marks a number that Excel stored with more digits than a double holds exactly (an 18-digit ID typed as a number). */
    public static final String IMPRECISE = "\u2248";

    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SERIAL = Pattern.compile("\\d{5}(\\.0+)?");
    private static final Pattern SEPARATORS = Pattern.compile("[、,;/]+");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private Cells() {
    }

    /** The cleaned cell, or null when it holds nothing but whitespace. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String t = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        if (t.length() > 1 && t.charAt(0) == '\'' && "=+-@".indexOf(t.charAt(1)) >= 0) {
            t = t.substring(1);
        }
        return t.isEmpty() ? null : t;
    }

    /** A cell of people's own text (a name, an address): as typed, trimmed, the export's apostrophe removed. */
    public static String typed(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip();
        if (t.length() > 1 && t.charAt(0) == '\'' && "=+-@".indexOf(t.charAt(1)) >= 0) {
            t = t.substring(1);
        }
        return t.isEmpty() ? null : t;
    }

    /**
     * A date as workers write it: 2025-05-18, 2025/5/18, 2025.5.18, 2025年5月18日, 20250518, or an Excel serial
     * day number (a date cell whose format was lost). Null when it is none of these.
     */
    public static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            Matcher m = YMD.matcher(value);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = COMPACT.matcher(value);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            if (SERIAL.matcher(value).matches()) {
                // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: from day 61 on,
                // day n is 1899-12-30 + n
                return EXCEL_EPOCH.plusDays(new BigDecimal(value).longValueExact());
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        return null;
    }

    /** A whole number, also when a spreadsheet wrote it as 2.0; null otherwise. */
    public static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The items of a list cell, separated by 、 , ; or / (full-width forms are folded by {@link #clean}). */
    public static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : SEPARATORS.split(value)) {
                String t = s.strip();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** A phone or ID number cell: digits (and X) only; a phone's inner spaces and dashes of a mobile are dropped. */
    public static String digits(String value) {
        return value == null ? null : value.replace(" ", "");
    }
}
