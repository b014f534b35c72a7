package org.yimeng.donation.poster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.yimeng.donation.poster.Poster.Align;
import org.yimeng.donation.poster.Poster.Box;
import org.yimeng.donation.poster.Poster.Element;
import org.yimeng.donation.poster.Poster.Qr;
import org.yimeng.donation.poster.Poster.Rule;
import org.yimeng.donation.poster.Poster.Text;

/**
 * Lays out a collection-point poster on A4 portrait: the title 爱扑满 · community, the QR of the public page with
 * what scanning it is for, the box's label, place and code, and the block that 公开募捐管理办法 §16 asks a
 * collection point to show. Type is large (title up to 15 mm, QR 96 mm, body up to 5 mm ≈ 14 pt) so that it reads from
 * a step away; long names shrink, then wrap, then are cut with "…" so nothing ever runs off the page.
 *
 * <p>Widths are estimated, not measured (the SVG's font is the reader's): a CJK character is 1 em, an ASCII one
 * 0.6 em. Both are on the generous side, so an estimate can only wrap a little early, never overflow.
 */
public final class PosterLayout {
    static final String RED = "#a61b1b";
    static final String INK = "#1a1a1a";
    static final String GREY = "#333333";
    static final String FOOT = "#555555";
    static final double MARGIN = 17;
    static final double TEXT_WIDTH = Poster.WIDTH - 2 * MARGIN;
    static final double QR_SIZE = 96;
    static final double LABEL_X = MARGIN;
    static final double VALUE_X = 59;
    static final double VALUE_WIDTH = Poster.WIDTH - MARGIN - VALUE_X;
    static final double BODY_BOTTOM = 272;
    public static final String SCAN_CAPTION = "扫码查看善款去向 · 核对捐款票据";
    public static final String SAMPLE_BANNER = "样张 · 本地运行示例信息，请勿张贴";
    static final String FOOTER = "依《慈善组织公开募捐管理办法》第十六条在募捐现场公布 · 收支明细扫码可查";
    private static final String CLOSING = "，。、；：！？）》」』】〕,.;:!?)]%";

    private PosterLayout() {
    }

    /** The §16 rows, label and value, in the order the poster shows them. */
    public static List<String[]> rows(PosterFacts f) {
        PublicInfo i = f.info();
        return List.of(
                new String[] {"募捐组织", i.organisation()},
                new String[] {"统一社会信用代码", i.registration()},
                new String[] {"公开募捐资格", i.qualification()},
                new String[] {"募捐方案备案编号", i.recordNumber()},
                new String[] {"募捐目的与用途", f.purpose()},
                new String[] {"联系方式", i.contact()},
                new String[] {"投诉举报", i.complaint()},
                new String[] {"募捐信息查询", i.lookup()});
    }

    public static Poster of(PosterFacts f) {
        List<Element> e = new ArrayList<>();
        e.add(new Box(0, 0, Poster.WIDTH, Poster.HEIGHT, "#ffffff", null, 0));
        e.add(new Box(8, 8, Poster.WIDTH - 16, Poster.HEIGHT - 16, null, RED, 1.2));
        if (f.info().sample()) {
            e.add(new Text(Poster.WIDTH / 2, 17, 4.2, SAMPLE_BANNER, Align.MIDDLE, true, RED, false));
        }

        String title = "爱扑满 · " + clean(f.communityName());
        double size = 15;
        while (size > 9 && width(title, size, false) > TEXT_WIDTH) {
            size -= 0.5;
        }
        double y = 33;
        for (String line : limit(wrap(title, size, TEXT_WIDTH, false), 2, size, TEXT_WIDTH, false)) {
            e.add(new Text(Poster.WIDTH / 2, y, size, line, Align.MIDDLE, true, RED, false));
            y += size * 1.2;
        }
        y += 9 - size * 1.2;
        e.add(new Text(Poster.WIDTH / 2, y, 6, "一元起捐 · 积少成多 · 专款专用", Align.MIDDLE, false, GREY, false));

        double qrTop = y + 5;
        String url = f.pageUrl();
        e.add(new Qr((Poster.WIDTH - QR_SIZE) / 2, qrTop, QR_SIZE, QrCode.encode(url), url));
        y = qrTop + QR_SIZE + 9;
        e.add(new Text(Poster.WIDTH / 2, y, 7.5, SCAN_CAPTION, Align.MIDDLE, true, INK, false));
        double urlSize = 4.2;
        while (urlSize > 3 && width(url, urlSize, true) > TEXT_WIDTH) {
            urlSize -= 0.2;
        }
        y += 7;
        for (String line : limit(wrap(url, urlSize, TEXT_WIDTH, true), 2, urlSize, TEXT_WIDTH, true)) {
            e.add(new Text(Poster.WIDTH / 2, y, urlSize, line, Align.MIDDLE, false, GREY, true));
            y += urlSize * 1.3;
        }
        y += 7 - urlSize * 1.3;
        String box = "募捐点：" + clean(f.label()) + "（" + clean(f.place()) + "） · 编号 " + f.piggyBankCode();
        for (String line : limit(wrap(box, 4.5, TEXT_WIDTH, false), 2, 4.5, TEXT_WIDTH, false)) {
            e.add(new Text(Poster.WIDTH / 2, y, 4.5, line, Align.MIDDLE, false, INK, false));
            y += 4.5 * 1.4;
        }
        y += 5 - 4.5 * 1.4;
        e.add(new Rule(MARGIN, y, TEXT_WIDTH, 0.4, RED));
        y += 8;
        e.add(new Text(MARGIN, y, 5.5, "募捐信息公示", Align.START, true, RED, false));
        y += 8;
        e.addAll(rowsFrom(f, y));
        e.add(new Text(Poster.WIDTH / 2, 282, 3.5, FOOTER, Align.MIDDLE, false, FOOT, false));
        return new Poster("爱扑满 · " + clean(f.communityName()) + " · 募捐点海报", List.copyOf(e));
    }

    /** The §16 rows from {@code top}: the largest type (5 mm down to 3.4 mm) at which they end above the footer. */
    private static List<Element> rowsFrom(PosterFacts f, double top) {
        List<String[]> rows = rows(f);
        for (int step = 0;; step++) {
            double size = 5.0 - 0.2 * step;
            boolean last = step == 8;
            List<Element> out = new ArrayList<>();
            double y = top;
            double baseline = top;
            for (String[] row : rows) {
                out.add(new Text(LABEL_X, y, size, row[0], Align.START, true, INK, false));
                List<String> lines = wrap(clean(row[1]), size, VALUE_WIDTH, false);
                if (lines.isEmpty()) {
                    lines = List.of("（未配置）");
                }
                for (String line : last ? limit(lines, 3, size, VALUE_WIDTH, false) : lines) {
                    out.add(new Text(VALUE_X, y, size, line, Align.START, false, INK, false));
                    baseline = y;
                    y += size * 1.45;
                }
                y += size * 0.5;
            }
            if (baseline <= BODY_BOTTOM || last) {
                return out;
            }
        }
    }

    /** {@code s} safe to draw: no control characters (they end an XML document), no lone surrogates. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                b.append('\uFFFD');
            } else if (Character.isISOControl(c)) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    /** The estimated width in mm of {@code s} at em size {@code size}. */
    static double width(String s, double size, boolean monospace) {
        double em = 0;
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            em += monospace ? 0.6 : cp == ' ' ? 0.35 : cp < 0x80 ? 0.6 : 1.0;
        }
        return em * size;
    }

    /**
     * Greedy line breaking: between any two CJK characters, at spaces, and inside an ASCII word only when the word
     * alone is wider than the line; closing punctuation never starts a line (禁则).
     */
    static List<String> wrap(String text, double size, double width, boolean monospace) {
        Deque<String> tokens = new ArrayDeque<>(tokens(text));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (!tokens.isEmpty()) {
            String t = tokens.pollFirst();
            double w = width(t, size, monospace);
            if (w > width && t.codePointCount(0, t.length()) > 1) {
                // a word wider than the line: its characters one by one
                List<String> chars = t.codePoints().mapToObj(Character::toString).toList();
                for (int k = chars.size() - 1; k >= 0; k--) {
                    tokens.addFirst(chars.get(k));
                }
                continue;
            }
            boolean fits = width(line + t, size, monospace) <= width;
            if (!fits && !line.toString().isBlank() && !isClosing(t)) {
                lines.add(line.toString().strip());
                line.setLength(0);
                if (t.isBlank()) {
                    continue;
                }
            }
            line.append(t);
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString().strip());
        }
        return lines;
    }

    /** At most {@code max} lines; the last one kept ends with "…" when some were cut. */
    static List<String> limit(List<String> lines, int max, double size, double width, boolean monospace) {
        if (lines.size() <= max) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, max));
        String last = out.get(max - 1);
        while (!last.isEmpty() && width(last + "…", size, monospace) > width) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        }
        out.set(max - 1, last + "…");
        return out;
    }

    private static boolean isClosing(String token) {
        return token.length() == 1 && CLOSING.indexOf(token.charAt(0)) >= 0;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && cp != ' ' && !isClosing(Character.toString(cp))) {
                word.appendCodePoint(cp);
                continue;
            }
            if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
            out.add(Character.toString(cp));
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
