package org.yimeng.donation.poster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimeng.local.testing.Browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SVG poster as a phone and a printer meet it: rendered by Debian's Chromium at A4 (96 dpi), screenshotted under
 * target/screenshots/, and its QR read back off the screenshot by ZXing's decoder; every line of text, measured by the
 * browser in its real CJK font, stays inside the frame.
 */
class PosterSvgTest {
    /** A4 at 96 dpi. */
    private static final int WIDTH = 794;
    private static final int HEIGHT = 1123;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static String dataUrl(String svg) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    /** The browser's boxes of every text element, in millimetres: [x, y, width, height, text]. */
    private static JsonNode textBoxes(Browser.Tab tab) throws Exception {
        return JSON.readTree(tab.eval("JSON.stringify([...document.querySelectorAll('text')].map(t => { "
                + "const b = t.getBBox(); return [b.x, b.y, b.width, b.height, t.textContent]; }))"));
    }

    private static void assertInsideTheFrame(JsonNode boxes) {
        for (JsonNode b : boxes) {
            double x = b.get(0).asDouble();
            double y = b.get(1).asDouble();
            double right = x + b.get(2).asDouble();
            double bottom = y + b.get(3).asDouble();
            String what = b.get(4).asText() + " at x " + x + "–" + right + ", y " + y + "–" + bottom;
            assertTrue(x >= 9.5 && right <= Poster.WIDTH - 9.5, "runs out of the frame: " + what);
            assertTrue(y >= 9.5 && bottom <= Poster.HEIGHT - 9.5, "runs out of the frame: " + what);
        }
    }

    @Test
    void theQrOnTheRenderedSvgOpensThePiggyBanksPublicPage() throws Exception {
        PosterFacts facts = Samples.facts("兰山区金雀山街道沂蒙社区");
        String svg = PosterSvg.of(PosterLayout.of(facts));
        try (Browser.Tab tab = browser.open(dataUrl(svg), WIDTH, HEIGHT, false)) {
            byte[] png = tab.screenshot(Path.of("target/screenshots/poster-svg.png"));
            assertEquals(Samples.BASE + "/p/PB-7K3M9Q2X", QrScan.png(png));
            String text = tab.eval("document.documentElement.textContent");
            for (String expected : new String[] {"爱扑满 · 兰山区金雀山街道沂蒙社区", PosterLayout.SCAN_CAPTION,
                    "沂蒙测试慈善基金会", "53371300TEST00001X", "鲁民公募证字（测试）第0001号", "53371300TEST00001X-2026-0001",
                    "仅用于兰山区金雀山街道沂蒙社区的志愿服务活动", "0539-0000000", "测试市民政局", "PB-7K3M9Q2X"}) {
                assertTrue(text.contains(expected), "the poster does not show " + expected);
            }
            assertFalse(text.contains(PosterLayout.SAMPLE_BANNER), "configured details are no sample");
            assertInsideTheFrame(textBoxes(tab));
        }
    }

    @Test
    void theQrModulesAreOnePathAndTheDocumentIsSmall() {
        String svg = PosterSvg.of(PosterLayout.of(Samples.facts("沂蒙社区")));
        Matcher paths = Pattern.compile("<path fill=\"#000\" d=\"").matcher(svg);
        int count = 0;
        while (paths.find()) {
            count++;
        }
        assertEquals(1, count, "the QR is one path");
        assertTrue(svg.length() < 16_000, svg.length() + " characters");
        assertTrue(svg.contains("width=\"210mm\" height=\"297mm\""), "A4 at its real size");
    }

    @Test
    void aVeryLongCommunityNameShrinksWrapsAndStaysInsideTheFrame() throws Exception {
        String name = "沂河新区".repeat(3) + "芝麻墩街道" + "幸福里第一社区居民委员会".repeat(4);
        String svg = PosterSvg.of(PosterLayout.of(Samples.facts(name)));
        try (Browser.Tab tab = browser.open(dataUrl(svg), WIDTH, HEIGHT, false)) {
            byte[] png = tab.screenshot(Path.of("target/screenshots/poster-svg-long-name.png"));
            assertEquals(Samples.BASE + "/p/PB-7K3M9Q2X", QrScan.png(png));
            assertInsideTheFrame(textBoxes(tab));
        }
    }

    @Test
    void markupInANameIsShownAsTypedAndNeverRuns() throws Exception {
        String name = "<script>window.ran=1</script>&\"社区\"'<img src=x onerror=window.ran=2>\u0007";
        String svg = PosterSvg.of(PosterLayout.of(Samples.facts(name)));
        try (Browser.Tab tab = browser.open(dataUrl(svg), WIDTH, HEIGHT, true)) {
            assertEquals("svg", tab.eval("document.documentElement.localName"), "the document still parses");
            assertEquals("0", tab.eval("String(document.getElementsByTagName('script').length + "
                    + "document.getElementsByTagName('img').length)"));
            assertEquals("undefined", tab.eval("typeof window.ran"));
            assertTrue(tab.eval("document.documentElement.textContent")
                    .contains("爱扑满 · <script>window.ran=1</script>&\"社区\"'<img src=x onerror=window.ran=2>"));
        }
    }

    @Test
    void developmentDefaultsPrintASampleBanner() {
        PublicInfo dev = new PublicInfo("http://localhost:8081", "本地运行示例慈善组织（未配置）", "x", "x", "x", "x", "x", "x",
                true);
        Poster sample = PosterLayout.of(new PosterFacts("沂蒙社区", "PB-7K3M9Q2X", "一号", "门口", dev));
        assertTrue(sample.texts().contains(PosterLayout.SAMPLE_BANNER));
        assertFalse(PosterLayout.of(Samples.facts("沂蒙社区")).texts().contains(PosterLayout.SAMPLE_BANNER));
    }
}
