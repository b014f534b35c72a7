package org.yimeng.local.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness against Debian's Chromium itself: width, script on and off, screenshots, the accessibility checks. */
class BrowserTest {
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void rendersAtPhoneWidthRunsScriptsAndTakesAScreenshot() {
        String html = "<!doctype html><html lang=zh-CN><meta name=viewport content='width=device-width'>"
                + "<p id=n>余额</p><script>document.getElementById('n').textContent += ' 12.50 元'</script>";
        try (Browser.Tab tab = browser.open(page(html), 375, 700, true)) {
            assertEquals("375", tab.eval("String(window.innerWidth)"));
            assertEquals("余额 12.50 元", tab.eval("document.getElementById('n').textContent"));
            byte[] png = tab.screenshot(Path.of("target/screenshots/browser-test-375.png"));
            assertEquals(0x89, png[0] & 0xff);
            assertTrue(png.length > 1000);
        }
    }

    @Test
    void aPageWithScriptsDisabledKeepsItsServedText() {
        String html = "<!doctype html><html lang=zh-CN><p id=n>余额</p><script>document.getElementById('n').textContent='改了'</script>";
        try (Browser.Tab tab = browser.open(page(html), 1280, 800, false)) {
            assertEquals("余额", tab.eval("document.getElementById('n').textContent"));
        }
    }

    @Test
    void accessibilityChecksFindMissingLangUnlabelledInputsAndPoorContrast() {
        String bad = "<!doctype html><html><body style='background:#fff'><p style='color:#bbb'>浅灰文字</p>"
                + "<input id=q><img src='data:,'>";
        try (Browser.Tab tab = browser.open(page(bad), 375, 700, true)) {
            List<String> problems = tab.accessibilityProblems();
            assertTrue(problems.contains("html has no lang"), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("unlabelled")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("img without alt")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("contrast")), problems.toString());
        }
        String good = "<!doctype html><html lang=zh-CN><body style='background:#fff'><p style='color:#333'>深色文字</p>"
                + "<label for=q>票据号</label><input id=q>";
        try (Browser.Tab tab = browser.open(page(good), 375, 700, true)) {
            assertEquals(List.of(), tab.accessibilityProblems());
        }
    }
}
