package org.yimeng.donation.site;

/** Amounts as people read them: fen → "1,234.50" (yuan, two decimals, thousands separated). */
public final class Yuan {
    private Yuan() {
    }

    public static String format(long fen) {
        String sign = fen < 0 ? "−" : "";
        long abs = Math.abs(fen);
        return sign + String.format("%,d.%02d", abs / 100, abs % 100);
    }
}
