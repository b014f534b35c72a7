package org.yimeng.donation.poster;

import java.util.Locale;

import org.yimeng.donation.poster.Poster.Box;
import org.yimeng.donation.poster.Poster.Element;
import org.yimeng.donation.poster.Poster.Qr;
import org.yimeng.donation.poster.Poster.Rule;
import org.yimeng.donation.poster.Poster.Text;

/**
 * The poster as an SVG document, written as text: A4 in millimetres (prints at its real size from a browser), the
 * QR's dark modules as one {@code <path>}, the type set in the reader's CJK sans-serif. Every text is XML-escaped:
 * community names and place names are typed by people.
 */
public final class PosterSvg {
    static final String FONTS = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
            + "'WenQuanYi Micro Hei',sans-serif";
    static final String MONO = "'DejaVu Sans Mono','Noto Sans Mono',Menlo,Consolas,monospace";

    private PosterSvg() {
    }

    public static String of(Poster p) {
        StringBuilder s = new StringBuilder(8192);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"zh-CN\" width=\"210mm\" height=\"297mm\" ")
                .append("viewBox=\"0 0 ").append(n(Poster.WIDTH)).append(' ').append(n(Poster.HEIGHT))
                .append("\" role=\"img\" aria-labelledby=\"poster-title\">\n")
                .append("<title id=\"poster-title\">").append(escape(p.title())).append("</title>\n")
                .append("<style>text{font-family:").append(FONTS).append("}.mono{font-family:").append(MONO)
                .append("}@page{size:A4 portrait;margin:0}</style>\n");
        for (Element e : p.elements()) {
            if (e instanceof Box b) {
                s.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                        .append(n(b.width())).append("\" height=\"").append(n(b.height())).append("\" fill=\"")
                        .append(b.fill() == null ? "none" : b.fill()).append('"');
                if (b.stroke() != null) {
                    s.append(" stroke=\"").append(b.stroke()).append("\" stroke-width=\"").append(n(b.strokeWidth()))
                            .append('"');
                }
                s.append("/>\n");
            } else if (e instanceof Rule r) {
                s.append("<path d=\"M").append(n(r.x())).append(' ').append(n(r.y())).append('h').append(n(r.width()))
                        .append("\" stroke=\"").append(r.colour()).append("\" stroke-width=\"").append(n(r.strokeWidth()))
                        .append("\"/>\n");
            } else if (e instanceof Qr q) {
                double scale = q.size() / q.modules().getWidth();
                s.append("<g transform=\"translate(").append(n(q.x())).append(' ').append(n(q.y())).append(") scale(")
                        .append(n(scale)).append(")\" shape-rendering=\"crispEdges\"><rect width=\"")
                        .append(q.modules().getWidth()).append("\" height=\"").append(q.modules().getHeight())
                        .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"").append(QrCode.svgPath(q.modules()))
                        .append("\"/></g>\n");
            } else if (e instanceof Text t) {
                s.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y())).append("\" font-size=\"")
                        .append(n(t.size())).append("\" fill=\"").append(t.colour()).append('"');
                if (t.align() == Poster.Align.MIDDLE) {
                    s.append(" text-anchor=\"middle\"");
                }
                if (t.bold()) {
                    s.append(" font-weight=\"700\"");
                }
                if (t.monospace()) {
                    s.append(" class=\"mono\"");
                }
                s.append('>').append(escape(t.text())).append("</text>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    /** A number in the document: at most three decimals, no exponent, no locale. */
    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
