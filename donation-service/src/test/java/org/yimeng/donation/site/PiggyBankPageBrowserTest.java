package org.yimeng.donation.site;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.DigestService;
import org.yimeng.donation.poster.QrScan;
import org.yimeng.local.testing.Browser;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The piggy-bank page in Debian's headless Chromium, as a donor's phone opens it from the poster: the numbers on the
 * page against the public JSON, a gift checked by the page's own script (and refused with one byte changed), the
 * page without JavaScript, its weight and accessibility. Screenshots in target/screenshots/.
 */
@QuarkusTest
class PiggyBankPageBrowserTest {
    private static Browser browser;

    @Inject
    ObjectMapper mapper;

    @Inject
    DigestService digests;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private record Box(UUID community, String code, String receiptNo) {
    }

    private Box fundWithHistory() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        Fixtures.donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":268800,\"channel\":\"CASH\",\"donorName\":\"赵德明\"}").then().statusCode(201);
        String receiptNo = Fixtures.donateTo(community, 1000).path("receiptNo");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS,
                FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), community, 35000, "“夏日送清凉”——慰问环卫工人"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count("disbursement d JOIN ledger_entry e ON "
                + "e.entry_id = d.entry_id WHERE e.community_id = '" + community + "'") == 1);
        digests.digestNow();
        return new Box(community, code, receiptNo);
    }

    @Test
    void thePosterScannedAsAPhoneWouldOpensThePageWhoseNumbersAreTheFundsAtBothWidths() throws Exception {
        Box box = fundWithHistory();
        String boxId = Fixtures.text("SELECT id FROM piggy_bank WHERE code = '" + box.code() + "'");
        String svg = Fixtures.as("CITY_ADMIN").accept("image/svg+xml").get("/api/v1/piggy-banks/" + boxId + "/poster")
                .then().statusCode(200).extract().asString();
        String url;
        try (Browser.Tab poster = browser.open("data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)), 794, 1123, false)) {
            url = QrScan.png(poster.screenshot(Path.of("target/screenshots/poster-as-printed.png")));
        }
        assertEquals("http://localhost:8081/p/" + box.code(), url, "the QR is the configured public URL of the page");
        String pageUrl = base() + url.substring("http://localhost:8081".length());
        JsonPath fund = given().get("/public/v1/communities/" + box.community() + "/fund").jsonPath();
        for (int width : new int[] { 375, 1280 }) {
            try (Browser.Tab tab = browser.open(pageUrl, width, 800, true)) {
                assertEquals(String.valueOf(width), tab.eval("String(window.innerWidth)"));
                assertEquals(yuan(fund.getLong("donatedFen")), tab.eval("document.getElementById('donated').textContent"));
                assertEquals(yuan(fund.getLong("spentFen")), tab.eval("document.getElementById('spent').textContent"));
                assertEquals(yuan(fund.getLong("balanceFen")), tab.eval("document.getElementById('balance').textContent"));
                assertEquals(String.valueOf(fund.getLong("donationCount")),
                        tab.eval("document.getElementById('donation-count').textContent"));
                assertEquals("“夏日送清凉”——慰问环卫工人",
                        tab.eval("document.querySelector('#spending tbody td:nth-child(2)').textContent.trim()"));
                assertEquals("2,688.00", tab.eval("document.querySelector('#openings tbody td.num').textContent"));
                assertEquals("false", tab.eval("String(document.body.innerText.includes('赵德明'))"));
                assertEquals("0", tab.eval("String(document.documentElement.scrollWidth - window.innerWidth)"),
                        "nothing wider than the screen");
                assertEquals(List.of(), tab.accessibilityProblems());
                long bytes = Long.parseLong(tab.eval("String(performance.getEntriesByType('navigation')[0]"
                        + ".encodedBodySize + performance.getEntriesByType('resource')"
                        + ".reduce((n, r) => n + r.encodedBodySize, 0))"));
                assertTrue(bytes > 1000 && bytes < 100_000, bytes + " bytes with everything");
                tab.screenshot(Path.of("target/screenshots/piggy-bank-page-" + width + ".png"));
            }
        }
    }

    @Test
    void aGiftIsCheckedInTheBrowserByThePagesOwnScriptAndAOneByteChangeFails() {
        Box box = fundWithHistory();
        String url = base() + "/p/" + box.code() + "?receipt=" + box.receiptNo();
        try (Browser.Tab tab = browser.open(url, 375, 800, true)) {
            tab.waitFor("document.getElementById('verify-result').dataset.state !== 'waiting'");
            assertEquals("ok", tab.eval("document.getElementById('verify-result').dataset.state"),
                    tab.eval("document.getElementById('verify-result').textContent"));
            assertTrue(tab.eval("document.getElementById('verify-result').textContent").startsWith("✓ 已在您的浏览器中核验"));
            tab.screenshot(Path.of("target/screenshots/receipt-checked-375.png"));
            String proof = "JSON.parse(document.getElementById('proof').textContent)";
            assertEquals("true", tab.eval("verifyReceipt(" + proof + ").then(r => String(r.ok))"));
            // one byte changed: a path hash, the amount, the root, the position
            String flipPath = "(() => { const r = " + proof + "; if (!r.proof.path.length) return r;"
                    + " const p = r.proof.path[0]; r.proof.path[0] = (p[0] === '0' ? '1' : '0') + p.slice(1); return r; })()";
            String flipAmount = "(() => { const r = " + proof + "; r.amountFen += 1; return r; })()";
            String flipRoot = "(() => { const r = " + proof + "; const x = r.proof.root;"
                    + " r.proof.root = r.proof.digest.merkleRoot = x.slice(0, 63) + (x[63] === 'a' ? 'b' : 'a'); return r; })()";
            String moveLeaf = "(() => { const r = " + proof + "; r.proof.treeSize += 1; r.proof.leafIndex = r.proof.treeSize - 1;"
                    + " r.proof.digest.fromSequence = r.sequence - r.proof.leafIndex; return r; })()";
            for (String tampered : List.of(flipAmount, flipRoot, moveLeaf)) {
                assertEquals("false", tab.eval("verifyReceipt(" + tampered + ").then(r => String(r.ok))"), tampered);
            }
            if (!"0".equals(tab.eval("String(" + proof + ".proof.path.length)"))) {
                assertEquals("false", tab.eval("verifyReceipt(" + flipPath + ").then(r => String(r.ok))"));
            }
        }
    }

    @Test
    void aTamperedProofServedToThePageIsReportedAsFailedOnThePage() {
        Box box = fundWithHistory();
        try (Browser.Tab tab = browser.open(base() + "/p/" + box.code() + "?receipt=" + box.receiptNo(), 375, 800, true)) {
            tab.waitFor("document.getElementById('verify-result').dataset.state !== 'waiting'");
            // the proof block as a man in the middle would change it, then the page's own check run again
            tab.eval("(() => { const b = document.getElementById('proof'); const r = JSON.parse(b.textContent);"
                    + " r.hash = r.hash.slice(0, 63) + (r.hash[63] === 'f' ? 'e' : 'f'); b.textContent = JSON.stringify(r);"
                    + " const s = document.createElement('script'); s.src = '/assets/receipt-check.js?again';"
                    + " document.body.appendChild(s); return true; })()");
            tab.waitFor("document.getElementById('verify-result').dataset.state === 'failed'");
            assertTrue(tab.eval("document.getElementById('verify-result').textContent").startsWith("✗ 核验未通过"));
            tab.screenshot(Path.of("target/screenshots/receipt-tampered-375.png"));
        }
    }

    @Test
    void withoutJavaScriptThePageStillShowsTheFundAndTheLookedUpGift() {
        Box box = fundWithHistory();
        try (Browser.Tab tab = browser.open(base() + "/p/" + box.code() + "?receipt=" + box.receiptNo(), 375, 800, false)) {
            assertEquals(yuan(given().get("/public/v1/communities/" + box.community() + "/fund").jsonPath()
                    .getLong("balanceFen")), tab.eval("document.getElementById('balance').textContent"));
            assertEquals(box.receiptNo(), tab.eval("document.getElementById('r-no').textContent"));
            assertEquals("10.00", tab.eval("document.getElementById('r-amount').textContent"));
            assertFalse(tab.eval("document.getElementById('verify-result').textContent").startsWith("✓"));
            tab.screenshot(Path.of("target/screenshots/piggy-bank-page-no-script-375.png"));
        }
    }

    private static String yuan(long fen) {
        return String.format("%,d.%02d", fen / 100, fen % 100);
    }
}
