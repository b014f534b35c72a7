package org.yimeng.donation.poster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDVectorFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * The PDF poster read back by an independent reader (Apache PDFBox): one A4 page, the community and every §16 value
 * in its text, the Chinese in the non-embedded standard font STSong-Light, and the QR on the page as rendered at
 * 150 dpi decoding to the public page's URL.
 */
class PosterPdfTest {
    /**
     * The text of the page without the spaces and line breaks a text extractor puts between drawn strings; the middle
     * dot is drawn as GB 2312's (U+30FB, see PosterPdf.forSong) and read back as the U+00B7 that was laid out.
     */
    static String text(PDDocument doc) throws IOException {
        return new PDFTextStripper().getText(doc).replaceAll("\\s+", "").replace('\u30FB', '\u00B7');
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    /**
     * The page rendered as a phone camera would see a print of it, the Chinese in the CJK font a reader substitutes
     * ({@link ReaderFonts}), written to target/screenshots/.
     */
    static BufferedImage render(PDDocument doc, String name) throws IOException {
        ReaderFonts.install();
        BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 150);
        Path file = Path.of("target/screenshots/" + name);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return img;
    }

    @Test
    void thePdfIsOneA4PageWithTheCommunityTheSection16DetailsAndAScannableQr() throws IOException {
        PosterFacts facts = Samples.facts("兰山区金雀山街道沂蒙社区");
        byte[] pdf = PosterPdf.of(PosterLayout.of(facts));
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/poster.pdf"), pdf);
        assertTrue(pdf.length < 40_000, pdf.length + " bytes");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            PDPage page = doc.getPage(0);
            assertEquals(595.3, page.getMediaBox().getWidth(), 0.5);
            assertEquals(841.9, page.getMediaBox().getHeight(), 0.5);
            assertEquals("zh-CN", doc.getDocumentCatalog().getLanguage());
            BufferedImage page150 = render(doc, "poster-pdf.png");
            String text = text(doc);
            assertTrue(text.contains("爱扑满·兰山区金雀山街道沂蒙社区"), text);
            assertTrue(text.contains(squeeze(PosterLayout.SCAN_CAPTION)), text);
            for (String[] row : PosterLayout.rows(facts)) {
                assertTrue(text.contains(row[0]), "label " + row[0] + " missing: " + text);
                assertTrue(text.contains(squeeze(row[1])), "value of " + row[0] + " missing: " + text);
            }
            assertTrue(text.contains("PB-7K3M9Q2X"), text);
            assertTrue(text.contains(Samples.BASE + "/p/PB-7K3M9Q2X"), text);
            assertFalse(text.contains(squeeze(PosterLayout.SAMPLE_BANNER)), text);
            assertEquals(Samples.BASE + "/p/PB-7K3M9Q2X", QrScan.image(page150));
        }
    }

    @Test
    void theChineseIsSetInTheStandardSongFontWithoutEmbeddingIt() throws IOException {
        byte[] pdf = PosterPdf.of(PosterLayout.of(Samples.facts("沂蒙社区")));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            PDPage page = doc.getPage(0);
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            PDFont song = fonts.stream().filter(f -> f.getName().startsWith("STSong-Light")).findFirst()
                    .orElseThrow(() -> new AssertionError("no STSong-Light among " + fonts));
            assertTrue(song instanceof PDType0Font, song.getClass().getName());
            assertFalse(song.isEmbedded(), "the CJK font is referenced, not embedded");
            assertEquals("Adobe", ((PDType0Font) song).getDescendantFont().getCIDSystemInfo().getRegistry());
            assertEquals("GB1", ((PDType0Font) song).getDescendantFont().getCIDSystemInfo().getOrdering());
            assertNull(song.getFontDescriptor().getFontFile2());
        }
    }

    @Test
    void everyDrawnCharacterHasAGlyphWhenAReaderSubstitutesItsCjkFont() throws IOException {
        ReaderFonts.install();
        byte[] pdf = PosterPdf.of(PosterLayout.of(Samples.facts("兰山区金雀山街道沂蒙社区")));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> missing = new ArrayList<>();
            int[] drawn = {0};
            PDFTextStripper glyphs = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        for (int code : p.getCharacterCodes()) {
                            drawn[0]++;
                            if (!(p.getFont() instanceof PDVectorFont v) || !v.hasGlyph(code)) {
                                missing.add(p.getUnicode() + " (" + p.getFont().getName() + ")");
                            }
                        }
                    }
                }
            };
            glyphs.getText(doc);
            assertTrue(drawn[0] > 300, drawn[0] + " characters");
            assertEquals(List.of(), missing, "characters without a glyph");
        }
    }

    @Test
    void namesWithCharactersBeyondTheFontOrInMarkupStillMakeAReadablePoster() throws IOException {
        String name = "𠀀社区🙂<b>&amp;\u0000";
        byte[] pdf = PosterPdf.of(PosterLayout.of(Samples.facts(name)));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(text(doc).contains("<b>&amp;"), text(doc));
            assertEquals(Samples.BASE + "/p/PB-7K3M9Q2X", QrScan.image(render(doc, "poster-pdf-odd-name.png")));
        }
    }
}
