package org.yimeng.volunteer.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.local.testing.Browser;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The county dashboard in Debian's headless Chromium: the numbers the page shows are the API's for the same token,
 * at phone and desktop width; a county admin sees only their county; the token leaves the address bar; the CSV comes
 * through the same authorised fetch; no accessibility problems. Screenshots in target/screenshots/.
 */
@QuarkusTest
class ConsolePageTest {
    /** 兰陵县: the county this test seeds (others may add to it; the page is compared with the API at the same moment). */
    private static final String COUNTY = "371324";
    private static final String OTHER_COUNTY = "371311";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS = """
            JSON.stringify([...document.querySelectorAll('%s tbody tr')].filter(tr => Object.keys(tr.dataset).length).map(tr => Object.assign(
              {key: tr.dataset.county || tr.dataset.community || tr.dataset.grid || tr.dataset.household || ''},
              Object.fromEntries([...tr.cells].filter(c => c.dataset.field)
                .map(c => [c.dataset.field, c.dataset.value + '|' + c.textContent])))))""";

    private static Browser browser;
    private static Seed seed;

    @TestHTTPResource("/console/")
    URL console;

    /** Three communities of the county: a pilot with two grids' worth of households, one with one, one empty. */
    private record Seed(String pilot, String pilotName, String second, String secondName, String empty,
            String unpairedGrid, String unpairedPhone) {
    }

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private static synchronized Seed seed() {
        if (seed != null) {
            return seed;
        }
        String pilot = Fixtures.community(COUNTY);
        as(cityAdmin()).body(Map.of("pilot", true)).put("/api/v1/communities/" + pilot + "/pilot").then().statusCode(200);
        String grid = Fixtures.grid(pilot);
        String a = Fixtures.volunteer(pilot, grid);
        String b = Fixtures.volunteer(pilot, grid);
        String complete = Fixtures.household(pilot, grid);
        survey(complete);
        Fixtures.pairing(complete, a, b);
        survey(Fixtures.household(pilot, grid));
        Fixtures.household(pilot, grid);
        Engagement.wish(complete);
        String claimed = Engagement.wish(complete);
        as(cityAdmin()).body(Map.of("volunteerId", a)).post("/api/v1/wishes/" + claimed + "/claim").then().statusCode(200);

        String second = Fixtures.community(COUNTY);
        String secondGrid = Fixtures.grid(second);
        String phone = Fixtures.phone();
        Map<String, Object> body = new HashMap<>(Map.of("communityId", second, "gridId", secondGrid,
                "headName", Fixtures.unique("户主"), "address", Fixtures.unique("兰陵路"), "memberCount", 1,
                "categories", List.of("ELDERLY_ALONE"), "phone", phone));
        as(cityAdmin()).body(body).post("/api/v1/households").then().statusCode(201);
        String empty = Fixtures.community(COUNTY);
        seed = new Seed(pilot, name(pilot), second, name(second), empty, secondGrid, phone);
        return seed;
    }

    private static void survey(String household) {
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员",
                "needs", List.of(Map.of("type", "DAILY_CARE", "detail", "送餐"))))
                .post("/api/v1/households/" + household + "/surveys").then().statusCode(201);
    }

    private static String name(String community) {
        return as(cityAdmin()).get("/api/v1/communities/" + community).then().statusCode(200).extract().path("name");
    }

    private String url(String fragment) {
        return console.toString() + fragment;
    }

    /** The rows of a table as the page shows them: key → field → "data-value|text". */
    private static Map<String, Map<String, String>> rows(Browser.Tab tab, String table) {
        try {
            List<Map<String, String>> list = JSON.readValue(tab.eval(ROWS.formatted(table)), new TypeReference<>() {
            });
            Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
            list.forEach(r -> out.put(r.get("key"), r));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertCount(Object api, String shown, String what) {
        String[] valueAndText = shown.split("\\|", 2);
        assertEquals(String.valueOf(api), valueAndText[0], what);
        assertEquals(String.valueOf(api), valueAndText[1], what + " as shown");
    }

    private static void assertRatio(Object api, String shown, String what) {
        String[] valueAndText = shown.split("\\|", 2);
        BigDecimal ratio = new BigDecimal(String.valueOf(api));
        assertEquals(0, ratio.compareTo(new BigDecimal(valueAndText[0])), what + ": " + shown);
        assertEquals(ratio.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%",
                valueAndText[1], what + " as shown");
    }

    /** Every bar of every chart in one round trip: "chart row series" → the bar's data-value. */
    private static Map<String, String> bars(Browser.Tab tab) {
        try {
            return JSON.readValue(tab.eval("JSON.stringify(Object.fromEntries([...document.querySelectorAll("
                    + "'.chart g[data-row] rect[data-series]')].map(r => [r.closest('.chart').id + ' ' "
                    + "+ r.parentNode.dataset.row + ' ' + r.dataset.series, r.dataset.value])))"), new TypeReference<>() {
                    });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The overview's figures against the API's total for the same scope. */
    private static void assertSummary(Browser.Tab tab, JsonPath api) {
        for (String f : List.of("pilots", "households", "surveyed", "paired", "archivesComplete")) {
            assertEquals(String.valueOf(api.getLong("total." + f)),
                    tab.eval("document.querySelector('#summary [data-field=" + f + "]').dataset.value"), "overview " + f);
        }
        assertEquals(api.getLong("total.pilots") + " / " + api.getLong("total.targetPilots"),
                tab.eval("document.querySelector('#summary [data-field=pilots]').textContent"));
        assertRatio(api.getString("total.weeklyGoalRatio"), tab.eval("(e => e.dataset.value + '|' + e.textContent)"
                + "(document.querySelector('#summary [data-field=weeklyGoalRatio]'))"), "overview weekly goal");
    }

    private static void assertNoAccessibilityProblems(Browser.Tab tab, String what) {
        List<String> problems = tab.accessibilityProblems();
        assertEquals(List.of(), problems, what);
    }

    @Test
    void aCityAdminSeesTheApisFiguresPerCountyAndPerCommunityAtPhoneAndDesktopWidth() {
        Seed s = seed();
        String token = cityAdmin();
        for (int width : List.of(375, 1280)) {
            try (Browser.Tab tab = browser.open(url("#token=" + token), width, 900, true)) {
                tab.waitFor("document.body.dataset.loaded === 'city'");
                assertFalse(tab.eval("location.href").contains(token), "token left in the address bar");
                assertEquals(console.toString(), tab.eval("location.href"));
                assertEquals(token, tab.eval("sessionStorage.getItem('yimeng.console.token')"));
                assertEquals("false", tab.eval("performance.getEntriesByType('resource').some(e => e.name.includes("
                        + "sessionStorage.getItem('yimeng.console.token')))"), "token in a request URL");

                JsonPath city = as(token).get("/api/v1/progress").then().statusCode(200).extract().jsonPath();
                assertSummary(tab, city);
                Map<String, Map<String, String>> counties = rows(tab, "#county-table");
                Map<String, String> bars = bars(tab);
                List<Map<String, Object>> apiRows = city.getList("rows");
                assertEquals(apiRows.stream().map(r -> (String) r.get("countyCode")).toList(), new ArrayList<>(counties.keySet()));
                for (Map<String, Object> r : apiRows) {
                    String code = (String) r.get("countyCode");
                    Map<String, String> shown = counties.get(code);
                    for (String f : List.of("communities", "pilots", "targetPilots", "households", "surveyed", "paired",
                            "archivesComplete")) {
                        assertCount(r.get(f), shown.get(f), code + " " + f);
                    }
                    assertRatio(r.get("weeklyGoalRatio"), shown.get("weeklyGoalRatio"), code + " weeklyGoalRatio");
                    assertEquals(String.valueOf(r.get("pilots")), bars.get("pilot-chart " + code + " pilots"), code + " bar");
                    assertEquals(String.valueOf(r.get("targetPilots")), bars.get("pilot-chart " + code + " target"),
                            code + " target marker");
                    assertEquals(0, new BigDecimal(String.valueOf(r.get("weeklyGoalRatio")))
                            .compareTo(new BigDecimal(bars.get("weekly-chart " + code + " weeklyGoalRatio"))), code);
                }
                Map<String, Object> ours = apiRows.stream().filter(r -> COUNTY.equals(r.get("countyCode"))).findFirst()
                        .orElseThrow();
                assertTrue(((Number) ours.get("pilots")).longValue() >= 1, "the seeded pilot counts");
                assertEquals(String.valueOf(city.getLong("total.wishesClaimed")), bars.get("wish-chart wishesClaimed wishesClaimed"));
                tab.screenshot(Path.of("target/screenshots/console-city-" + width + ".png"));
                assertNoAccessibilityProblems(tab, "city view at " + width);

                // the county's own review: choose it as a person would
                tab.eval("(() => { const s = document.getElementById('county'); s.value = '" + COUNTY + "';"
                        + " s.dispatchEvent(new Event('change')); return true; })()");
                tab.waitFor("document.body.dataset.loaded === '" + COUNTY + "'");
                JsonPath county = as(token).queryParam("countyCode", COUNTY).get("/api/v1/progress").then()
                        .statusCode(200).extract().jsonPath();
                assertSummary(tab, county);
                Map<String, Map<String, String>> communities = rows(tab, "#community-table");
                bars = bars(tab);
                List<Map<String, Object>> apiCommunities = county.getList("communities");
                assertEquals(apiCommunities.stream().map(c -> (String) c.get("communityId")).toList(),
                        new ArrayList<>(communities.keySet()));
                assertTrue(communities.keySet().containsAll(List.of(s.pilot(), s.second(), s.empty())));
                for (Map<String, Object> c : apiCommunities) {
                    Map<String, String> shown = communities.get((String) c.get("communityId"));
                    assertEquals(c.get("communityName") + "|" + c.get("communityName"), shown.get("communityName"));
                    for (String f : List.of("households", "surveyed", "paired", "archivesComplete", "wishesOpen",
                            "wishesClaimed", "wishesFulfilled")) {
                        assertCount(c.get(f), shown.get(f), c.get("communityName") + " " + f);
                    }
                    assertRatio(c.get("coverageRatio"), shown.get("coverageRatio"), "coverage");
                    assertRatio(c.get("weeklyGoalRatio"), shown.get("weeklyGoalRatio"), "weekly goal");
                    assertEquals(String.valueOf(c.get("paired")), bars.get("community-chart " + c.get("communityId") + " paired"));
                }
                Map<String, String> pilot = communities.get(s.pilot());
                assertEquals("3|3", pilot.get("households"));
                assertEquals("2|2", pilot.get("surveyed"));
                assertEquals("1|1", pilot.get("paired"));
                assertEquals("1|1", pilot.get("archivesComplete"));
                assertEquals("1|1", pilot.get("wishesOpen"));
                assertEquals("1|1", pilot.get("wishesClaimed"));
                for (String status : List.of("wishesOpen", "wishesClaimed", "wishesFulfilled", "wishesCancelled")) {
                    assertEquals(String.valueOf(county.getLong("total." + status)), bars.get("wish-chart " + status + " " + status));
                }

                // unpaired households per grid, as /api/v1/coverage counts them
                JsonPath coverage = as(token).queryParam("countyCode", COUNTY).get("/api/v1/coverage").then()
                        .statusCode(200).extract().jsonPath();
                Map<String, Map<String, String>> grids = rows(tab, "#grid-table");
                List<Map<String, Object>> apiGrids = coverage.getList("grids");
                assertEquals(apiGrids.size(), grids.size());
                for (Map<String, Object> g : apiGrids) {
                    Map<String, String> shown = grids.get(g.get("gridId") == null ? "none" : (String) g.get("gridId"));
                    assertCount(g.get("unpaired"), shown.get("unpaired"), "grid unpaired");
                    assertCount(g.get("households"), shown.get("households"), "grid households");
                }
                assertEquals("1|1", grids.get(s.unpairedGrid()).get("unpaired"));
                tab.eval("document.querySelector('#grid-table tr[data-grid=\"" + s.unpairedGrid() + "\"] button').click()");
                tab.waitFor("!document.getElementById('unpaired').hidden");
                String listed = tab.eval("document.querySelector('#unpaired-table tbody').innerText");
                String masked = as(token).queryParam("gridId", s.unpairedGrid()).queryParam("paired", false)
                        .get("/api/v1/households").then().statusCode(200).extract().path("items[0].phone");
                assertTrue(listed.contains(masked), listed);
                assertFalse(listed.contains(s.unpairedPhone()), "the full phone number is never shown");

                if (width == 375) {
                    assertEquals("375", tab.eval("String(document.documentElement.scrollWidth)"),
                            "the page itself does not scroll sideways at phone width (tables scroll in their box)");
                }
                tab.screenshot(Path.of("target/screenshots/console-county-" + width + ".png"));
                assertNoAccessibilityProblems(tab, "county view at " + width);
            }
        }
    }

    @Test
    void tablesSortByTheClickedHeaderBothWays() {
        seed();
        try (Browser.Tab tab = browser.open(url("#token=" + cityAdmin() + "&county=" + COUNTY), 1280, 900, true)) {
            tab.waitFor("document.body.dataset.loaded === '" + COUNTY + "'");
            String values = "JSON.stringify([...document.querySelectorAll('#community-table tbody td[data-field=households]')]"
                    + ".map(td => Number(td.dataset.value)))";
            String header = "[...document.querySelectorAll('#community-table thead th')].find(th => th.dataset.key === 'households')";
            tab.eval(header + ".querySelector('button').click()");
            List<Long> ascending = numbers(tab.eval(values));
            assertEquals(ascending.stream().sorted().toList(), ascending);
            assertEquals("ascending", tab.eval(header + ".getAttribute('aria-sort')"));
            tab.eval(header + ".querySelector('button').click()");
            List<Long> descending = numbers(tab.eval(values));
            List<Long> reversed = new ArrayList<>(ascending);
            java.util.Collections.reverse(reversed);
            assertEquals(reversed, descending);
            assertEquals("descending", tab.eval(header + ".getAttribute('aria-sort')"));
            assertTrue(descending.size() >= 3 && descending.get(0) >= descending.get(descending.size() - 1));
            assertEquals("true", tab.eval("[...document.styleSheets].some(s => [...s.cssRules]"
                    + ".some(r => r.media && r.media.mediaText === 'print'))"), "a print stylesheet");
        }
    }

    private static List<Long> numbers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Long>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCountyAdminOfAnotherCountySeesOnlyTheirOwnCounty() {
        Seed s = seed();
        String ownCommunity = Fixtures.community(OTHER_COUNTY);
        String token = Fixtures.countyAdmin(OTHER_COUNTY);
        try (Browser.Tab tab = browser.open(url("#token=" + token + "&county=" + COUNTY), 375, 900, true)) {
            tab.waitFor("document.body.dataset.loaded === 'city'");
            assertEquals(List.of(OTHER_COUNTY), new ArrayList<>(rows(tab, "#county-table").keySet()));
            assertEquals("none", tab.eval("getComputedStyle(document.getElementById('county-picker')).display"));
            String text = tab.eval("document.body.innerText");
            assertFalse(text.contains("兰陵县"), "another county's name");
            assertFalse(text.contains(s.pilotName()) || text.contains(s.secondName()), "another county's communities");
            JsonPath own = as(token).get("/api/v1/progress").then().statusCode(200).extract().jsonPath();
            List<String> communities = own.getList("communities.communityId");
            assertEquals(communities, new ArrayList<>(rows(tab, "#community-table").keySet()));
            assertTrue(communities.contains(ownCommunity), "their own county's communities are listed");
            assertEquals("false", tab.eval("performance.getEntriesByType('resource').some(e => e.name.includes('"
                    + COUNTY + "'))"), "the page never asked for the other county");
            tab.screenshot(Path.of("target/screenshots/console-county-admin-375.png"));
            assertNoAccessibilityProblems(tab, "county admin");
        }
    }

    @Test
    void withoutAValidTokenThePageSaysInChineseHowToSignIn() {
        for (String fragment : List.of("", "#token=" + TestStack.expiredToken("CITY_ADMIN"), "#token=not-a-token")) {
            try (Browser.Tab tab = browser.open(url(fragment), 375, 800, true)) {
                tab.waitFor("!document.getElementById('signin').hidden");
                String text = tab.eval("document.getElementById('signin').innerText");
                assertTrue(text.contains("请先登录") && text.contains("./platform token CITY_ADMIN"), text);
                assertEquals("none", tab.eval("getComputedStyle(document.getElementById('content')).display"));
                assertEquals("none", tab.eval("getComputedStyle(document.getElementById('actions')).display"),
                        "no buttons without a token");
                assertEquals("null", tab.eval("String(sessionStorage.getItem('yimeng.console.token'))"));
                assertFalse(tab.eval("location.href").contains("token="));
                if (fragment.isEmpty()) {
                    tab.screenshot(Path.of("target/screenshots/console-signin-375.png"));
                    assertNoAccessibilityProblems(tab, "sign-in message");
                }
            }
        }
        try (Browser.Tab tab = browser.open(url("#token=" + TestStack.token("FINANCE")), 375, 800, true)) {
            tab.waitFor("document.getElementById('status').textContent.includes('县区管理员和市级管理员')");
            assertEquals("none", tab.eval("getComputedStyle(document.getElementById('content')).display"));
        }
        // the server's own answer to an expired token, which a token the page cannot judge by its expiry meets
        given().auth().oauth2(TestStack.expiredToken("CITY_ADMIN")).get("/api/v1/progress").then().statusCode(401);
    }

    @Test
    void theCsvIsOneClickAwayThroughTheSameAuthorisedFetch() throws Exception {
        seed();
        String token = cityAdmin();
        try (Browser.Tab tab = browser.open(url("#token=" + token + "&county=" + COUNTY), 1280, 900, true)) {
            tab.waitFor("document.body.dataset.loaded === '" + COUNTY + "'");
            tab.eval("(() => { window.csvBlobs = []; const make = URL.createObjectURL;"
                    + " URL.createObjectURL = b => { window.csvBlobs.push(b); return make(b); }; return true; })()");
            tab.eval("document.getElementById('csv').click()");
            tab.waitFor("window.csvBlobs.length === 1");
            String base64 = tab.eval("window.csvBlobs[0].arrayBuffer().then(b => btoa(String.fromCharCode(...new Uint8Array(b))))");
            byte[] shown = java.util.Base64.getDecoder().decode(base64);
            byte[] api = as(token).accept("text/csv").queryParam("countyCode", COUNTY).get("/api/v1/progress").then()
                    .statusCode(200).extract().asByteArray();
            assertEquals(new String(api, StandardCharsets.UTF_8), new String(shown, StandardCharsets.UTF_8));
            assertEquals(0xEF, shown[0] & 0xff, "the BOM is kept");
            assertTrue(new String(shown, StandardCharsets.UTF_8).contains(seed().pilotName()));
        }
    }

    @Test
    void thePageIsServedWithAPolicyThatAllowsOnlyItsOwnScriptAndThisService() {
        given().get("/console/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<html lang=\"zh-CN\">"));
        given().get("/console/console.js").then().statusCode(200).body(containsString("history.replaceState"));
    }
}
