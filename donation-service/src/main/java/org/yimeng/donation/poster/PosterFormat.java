package org.yimeng.donation.poster;

import java.util.Locale;
import java.util.Optional;

/**
 * The poster's two formats and the choice between them from an {@code Accept} header (RFC 9110 §12.5.1): the
 * highest q wins, the most specific range sets a type's q, a tie goes to SVG (the default, also with no header).
 * Empty when neither is acceptable (406).
 */
public enum PosterFormat {
    SVG("image/svg+xml", "svg"), PDF("application/pdf", "pdf");

    public final String mediaType;
    public final String extension;

    PosterFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public static Optional<PosterFormat> choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(SVG);
        }
        double svg = quality(accept, SVG.mediaType);
        double pdf = quality(accept, PDF.mediaType);
        if (svg <= 0 && pdf <= 0) {
            return Optional.empty();
        }
        return Optional.of(pdf > svg ? PDF : SVG);
    }

    /** The q the header gives {@code type}: from its most specific matching range, 0 when none matches. */
    static double quality(String accept, String type) {
        String main = type.substring(0, type.indexOf('/'));
        int best = -1;
        double q = 0;
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String range = params[0].strip().toLowerCase(Locale.ROOT);
            int specificity = range.equals(type) ? 2 : range.equals(main + "/*") ? 1 : range.equals("*/*") ? 0 : -1;
            if (specificity < 0 || specificity < best) {
                continue;
            }
            double value = 1;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("q=")) {
                    try {
                        value = Double.parseDouble(p.substring(2).strip());
                    } catch (NumberFormatException e) {
                        value = 0;
                    }
                }
            }
            if (!(value >= 0 && value <= 1)) {
                value = 0;
            }
            if (specificity > best || value > q) {
                best = specificity;
                q = value;
            }
        }
        return q;
    }
}
