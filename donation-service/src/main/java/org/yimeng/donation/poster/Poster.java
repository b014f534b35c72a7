package org.yimeng.donation.poster;

import java.util.List;

import com.google.zxing.common.BitMatrix;

/**
 * A laid-out A4 portrait poster (210 × 297 mm, y downwards, in millimetres): the one description that both the SVG
 * and the PDF draw, so the two cannot say different things.
 */
public record Poster(String title, List<Element> elements) {
    public static final double WIDTH = 210;
    public static final double HEIGHT = 297;

    /** Something drawn on the page. */
    public sealed interface Element permits Text, Box, Rule, Qr {
    }

    public enum Align {
        START, MIDDLE
    }

    /** One line of text; {@code y} is its baseline, {@code size} the em size in millimetres. */
    public record Text(double x, double y, double size, String text, Align align, boolean bold, String colour,
            boolean monospace) implements Element {
    }

    /** A rectangle, filled and/or stroked (null for none). */
    public record Box(double x, double y, double width, double height, String fill, String stroke, double strokeWidth)
            implements Element {
    }

    /** A horizontal line. */
    public record Rule(double x, double y, double width, double strokeWidth, String colour) implements Element {
    }

    /** A QR code of {@code modules} (quiet zone included) drawn as a {@code size} × {@code size} mm square. */
    public record Qr(double x, double y, double size, BitMatrix modules, String text) implements Element {
    }

    /** The texts in page order, for a reader that wants the words (tests, accessibility). */
    public List<String> texts() {
        return elements.stream().filter(Text.class::isInstance).map(e -> ((Text) e).text()).toList();
    }
}
