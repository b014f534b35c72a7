package org.yimeng.donation.poster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * What a PDF reader does with the poster's non-embedded STSong-Light: it substitutes a Song (serif) CJK font it has
 * and draws each character by its Unicode value. PDFBox on its own only substitutes by the font's name or by its
 * character collection (Adobe-GB1), which Debian's Noto CJK fonts (Adobe-Identity) do not declare, and would draw
 * empty boxes; this mapper gives it Noto Serif CJK SC (fonts-noto-cjk, which .ci/run installs) for any Adobe-GB1
 * font and leaves every other font to PDFBox.
 */
final class ReaderFonts implements FontMapper {
    static final File NOTO_SERIF_CJK = new File("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");
    private static TrueTypeCollection collection;
    private static TrueTypeFont song;

    private final FontMapper pdfbox;

    private ReaderFonts(FontMapper pdfbox) {
        this.pdfbox = pdfbox;
    }

    /** Installs the mapper for this JVM's PDFBox (once). */
    static synchronized void install() {
        if (song != null) {
            return;
        }
        try {
            collection = new TrueTypeCollection(NOTO_SERIF_CJK);
            song = collection.getFontByName("NotoSerifCJKsc-Regular");
        } catch (IOException e) {
            throw new UncheckedIOException("no Noto Serif CJK: apt-get install fonts-noto-cjk", e);
        }
        if (song == null) {
            throw new IllegalStateException("NotoSerifCJKsc-Regular is not in " + NOTO_SERIF_CJK);
        }
        FontMappers.set(new ReaderFonts(FontMappers.instance()));
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return pdfbox.getTrueTypeFont(baseFont, descriptor);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        return pdfbox.getFontBoxFont(baseFont, descriptor);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
        if (cidSystemInfo != null && "Adobe".equals(cidSystemInfo.getRegistry()) && "GB1".equals(cidSystemInfo.getOrdering())) {
            // not a CID font of the same collection: PDFBox then draws each glyph by its Unicode name
            return new CIDFontMapping(null, song, true);
        }
        return pdfbox.getCIDFont(baseFont, descriptor, cidSystemInfo);
    }
}
