package org.yimeng.donation.poster;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.yimeng.donation.poster.Poster.Box;
import org.yimeng.donation.poster.Poster.Element;
import org.yimeng.donation.poster.Poster.Qr;
import org.yimeng.donation.poster.Poster.Rule;
import org.yimeng.donation.poster.Poster.Text;

import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The poster as a one-page A4 PDF (OpenPDF), drawn from the same {@link Poster} as the SVG. Chinese is set in the
 * PDF standard CJK font STSong-Light (Adobe-GB1, UniGB-UCS2-H), not embedded: the file stays at a few KB and every
 * reader substitutes its Song typeface; bold is the glyph filled and stroked. The QR is vector rectangles, one per
 * run of dark modules, so it prints sharp at any size.
 */
public final class PosterPdf {
    private static final float MM = 72f / 25.4f;
    private static final BaseFont SONG = font("STSong-Light", "UniGB-UCS2-H");
    private static final BaseFont MONO = font(BaseFont.COURIER, BaseFont.WINANSI);

    private PosterPdf() {
    }

    private static BaseFont font(String name, String encoding) {
        try {
            return BaseFont.createFont(name, encoding, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new IllegalStateException("font " + name + " is not in OpenPDF's resources", e);
        }
    }

    public static byte[] of(Poster p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        Document doc = new Document(PageSize.A4, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString("zh-CN"));
        doc.addTitle(p.title());
        doc.addSubject("爱扑满募捐点海报");
        doc.addCreator("donation-service");
        doc.open();
        PdfContentByte cb = writer.getDirectContent();
        for (Element e : p.elements()) {
            if (e instanceof Box b) {
                box(cb, b);
            } else if (e instanceof Rule r) {
                cb.saveState();
                cb.setColorStroke(colour(r.colour()));
                cb.setLineWidth((float) r.strokeWidth() * MM);
                cb.moveTo(x(r.x()), y(r.y()));
                cb.lineTo(x(r.x() + r.width()), y(r.y()));
                cb.stroke();
                cb.restoreState();
            } else if (e instanceof Qr q) {
                qr(cb, q);
            } else if (e instanceof Text t) {
                text(cb, t);
            }
        }
        doc.close();
        return out.toByteArray();
    }

    private static void box(PdfContentByte cb, Box b) {
        cb.saveState();
        cb.rectangle(x(b.x()), y(b.y() + b.height()), (float) b.width() * MM, (float) b.height() * MM);
        if (b.fill() != null && b.stroke() != null) {
            cb.setColorFill(colour(b.fill()));
            cb.setColorStroke(colour(b.stroke()));
            cb.setLineWidth((float) b.strokeWidth() * MM);
            cb.fillStroke();
        } else if (b.fill() != null) {
            cb.setColorFill(colour(b.fill()));
            cb.fill();
        } else {
            cb.setColorStroke(colour(b.stroke()));
            cb.setLineWidth((float) b.strokeWidth() * MM);
            cb.stroke();
        }
        cb.restoreState();
    }

    private static void qr(PdfContentByte cb, Qr q) {
        double unit = q.size() / q.modules().getWidth();
        cb.saveState();
        cb.setColorFill(Color.WHITE);
        cb.rectangle(x(q.x()), y(q.y() + q.size()), (float) q.size() * MM, (float) q.size() * MM);
        cb.fill();
        cb.setColorFill(Color.BLACK);
        QrCode.runs(q.modules(), (mx, my, w) -> cb.rectangle(x(q.x() + mx * unit), y(q.y() + (my + 1) * unit),
                (float) (w * unit) * MM, (float) unit * MM));
        cb.fill();
        cb.restoreState();
    }

    private static void text(PdfContentByte cb, Text t) {
        BaseFont font = t.monospace() && t.text().chars().allMatch(ch -> ch < 0x80) ? MONO : SONG;
        float size = (float) t.size() * MM;
        Color c = colour(t.colour());
        cb.saveState();
        cb.beginText();
        cb.setFontAndSize(font, size);
        cb.setColorFill(c);
        if (t.bold()) {
            cb.setColorStroke(c);
            cb.setLineWidth(size * 0.035f);
            cb.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
        }
        int align = t.align() == Poster.Align.MIDDLE ? PdfContentByte.ALIGN_CENTER : PdfContentByte.ALIGN_LEFT;
        cb.showTextAligned(align, font == SONG ? forSong(t.text()) : t.text(), x(t.x()), y(t.y()), 0);
        cb.endText();
        cb.restoreState();
    }

    /**
     * The text as STSong-Light can show it: GB 2312's middle dot is U+30FB in Adobe-GB1's Unicode map, so the
     * interpunct Chinese text uses (U+00B7, as in 爱扑满 · 社区) is drawn as that glyph rather than as nothing; the
     * full-width glyph brings its own spacing, so the spaces around it go.
     */
    static String forSong(String text) {
        return text.replace(" \u00B7 ", "\u30FB").replace('\u00B7', '\u30FB');
    }

    private static float x(double mm) {
        return (float) mm * MM;
    }

    /** PDF's y runs upwards from the bottom edge. */
    private static float y(double mm) {
        return (float) (Poster.HEIGHT - mm) * MM;
    }

    private static Color colour(String hex) {
        return Color.decode(hex);
    }
}
