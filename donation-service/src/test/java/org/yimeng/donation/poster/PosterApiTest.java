package org.yimeng.donation.poster;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.local.testing.Browser;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GET /api/v1/piggy-banks/{id}/poster over HTTP: the SVG (default) and the PDF, each scanned back to the public page
 * of the box, with the community's name from the registry and the organisation's details from configuration; 406
 * for other formats, 404 for unknown boxes, 403 outside the caller's scope, 422 for a retired box.
 */
@QuarkusTest
class PosterApiTest {
    @Inject
    ObjectMapper mapper;

    private record Box(UUID community, String id, String code) {
    }

    private Box box(String county) {
        UUID community = Fixtures.community(mapper, county);
        Response r = as("CITY_ADMIN").body(Map.of("communityId", community, "label", "二号爱扑满", "place", "村委会大院"))
                .post("/api/v1/piggy-banks").then().statusCode(201).extract().response();
        return new Box(community, r.path("id"), r.path("code"));
    }

    private static String communityName(UUID community) {
        // Fixtures.community names it so
        return "社区 " + community.toString().substring(0, 8);
    }

    private static String pageUrl(String code) {
        return ConfigProvider.getConfig().getValue("public.base-url", String.class) + "/p/" + code;
    }

    private static List<String> configured() {
        var c = ConfigProvider.getConfig();
        return List.of("public.organisation.name", "public.organisation.registration", "public.organisation.qualification",
                "public.fundraising.record-number", "public.organisation.contact", "public.organisation.complaint",
                "public.fundraising.lookup").stream().map(k -> c.getValue(k, String.class)).toList();
    }

    @Test
    void staffGetAnSvgPosterByDefaultWhoseQrOpensTheBoxsPublicPage() throws Exception {
        Box b = box("371302");
        String svg = as("COLLECTOR").get("/api/v1/piggy-banks/" + b.id() + "/poster").then().statusCode(200)
                .contentType(startsWith("image/svg+xml")).header("Cache-Control", startsWith("private"))
                .header("Content-Disposition", containsString("poster-" + b.code() + ".svg"))
                .header("X-Content-Type-Options", "nosniff").extract().asString();
        assertTrue(svg.contains("爱扑满 · " + communityName(b.community())), svg);
        assertTrue(svg.contains("二号爱扑满（村委会大院）"), svg);
        // the words as drawn, lines joined (a long value wraps over several <text> lines)
        String words = PosterPdfTest.squeeze(svg.replaceAll("<[^>]+>", ""));
        for (String value : configured()) {
            assertTrue(words.contains(PosterPdfTest.squeeze(value)), "the poster does not show " + value);
        }
        assertTrue(svg.contains(PosterLayout.SAMPLE_BANNER), "development defaults make a sample");
        String data = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        try (Browser browser = Browser.launch(); Browser.Tab tab = browser.open(data, 794, 1123, false)) {
            byte[] png = tab.screenshot(Path.of("target/screenshots/poster-api-svg.png"));
            assertEquals(pageUrl(b.code()), QrScan.png(png));
        }
    }

    @Test
    void aPdfWhenAskedForWithTheCommunityTheSection16DetailsAndTheSameQr() throws Exception {
        Box b = box("371311");
        byte[] pdf = as("COUNTY_ADMIN", Map.of("county", "371311")).accept("application/pdf")
                .get("/api/v1/piggy-banks/" + b.id() + "/poster").then().statusCode(200).contentType("application/pdf")
                .header("Cache-Control", startsWith("private")).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = PosterPdfTest.text(doc);
            assertTrue(text.contains(PosterPdfTest.squeeze("爱扑满·" + communityName(b.community()))), text);
            for (String value : configured()) {
                assertTrue(text.contains(PosterPdfTest.squeeze(value)), "the PDF does not show " + value + ": " + text);
            }
            assertTrue(text.contains(b.code()), text);
            assertEquals(pageUrl(b.code()), QrScan.image(PosterPdfTest.render(doc, "poster-api-pdf.png")));
        }
        // q-values decide between the two
        as("CITY_ADMIN").accept("image/svg+xml;q=0.4, application/pdf;q=0.9").get("/api/v1/piggy-banks/" + b.id() + "/poster")
                .then().statusCode(200).contentType("application/pdf");
    }

    @Test
    void otherFormatsGet406AsAProblem() {
        Box b = box("371312");
        for (String accept : List.of("text/html", "application/json", "image/png")) {
            as("CITY_ADMIN").accept(accept).get("/api/v1/piggy-banks/" + b.id() + "/poster").then().statusCode(406)
                    .contentType("application/problem+json").body("code", equalTo("NOT_ACCEPTABLE"));
        }
    }

    @Test
    void anUnknownOrMalformedIdIs404AsAProblem() {
        as("CITY_ADMIN").get("/api/v1/piggy-banks/" + UUID.randomUUID() + "/poster").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        as("CITY_ADMIN").get("/api/v1/piggy-banks/not-a-uuid/poster").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void onlyTheBoxsScopeAndTheLedgerWideRolesGetIt() {
        Box b = box("371321");
        UUID neighbour = Fixtures.community(mapper, "371321");
        String path = "/api/v1/piggy-banks/" + b.id() + "/poster";
        as("COMMUNITY_ADMIN", Map.of("community", b.community().toString())).get(path).then().statusCode(200);
        as("COMMUNITY_ADMIN", Map.of("community", neighbour.toString())).get(path).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        as("COUNTY_ADMIN", Map.of("county", "371321")).get(path).then().statusCode(200);
        as("COUNTY_ADMIN", Map.of("county", "371322")).get(path).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        for (String role : List.of("AUDITOR", "FINANCE", "CITY_ADMIN", "COLLECTOR")) {
            as(role).get(path).then().statusCode(200);
        }
        as("VOLUNTEER", Map.of("volunteer", UUID.randomUUID().toString())).get(path).then().statusCode(403);
        io.restassured.RestAssured.get(path).then().statusCode(401);
    }

    @Test
    void aRetiredBoxGetsNoPoster() {
        Box b = box("371322");
        as("CITY_ADMIN").post("/api/v1/piggy-banks/" + b.id() + "/retire").then().statusCode(200);
        as("CITY_ADMIN").get("/api/v1/piggy-banks/" + b.id() + "/poster").then().statusCode(422)
                .body("code", equalTo("PIGGY_BANK_RETIRED"));
    }
}
