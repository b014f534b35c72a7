package org.yimeng.volunteer.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;

/** Exports: in scope, masked, safe to open in a spreadsheet, and in the templates' shape so they can be re-imported. */
@QuarkusTest
class ExportApiTest {
    @Inject
    BusinessClock clock;

    static byte[] export(String token, String kind, String format, String query) {
        return Fixtures.as(token).get("/api/v1/exports/" + kind + "?format=" + format + (query == null ? "" : "&" + query))
                .then().statusCode(200).extract().asByteArray();
    }

    @Test
    void householdsExportIsMaskedFormulaSafeAndLimitedToTheCallersScope() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String other = Fixtures.community(Fixtures.COUNTY);
        String grid = ImportApiTest.gridNamed(community, "东网格");
        String id = Fixtures.idNumber();
        String phone = Fixtures.phone();
        String formula = "=HYPERLINK(\"http://x\",\"点我\")" + Fixtures.unique("");
        Fixtures.as(Fixtures.cityAdmin()).body(Map.of("communityId", community, "gridId", grid, "headName", formula,
                "headIdNumber", id, "phone", phone, "address", "@沂蒙路1号", "memberCount", 2,
                "categories", List.of("ELDERLY_ALONE", "LOW_INCOME"))).post("/api/v1/households").then().statusCode(201);
        Fixtures.household(community, null);
        Fixtures.household(other, null);

        List<List<String>> csv = Sheets.readCsv(export(Fixtures.communityAdmin(community), "households", "csv", null));
        assertEquals(Template.HOUSEHOLDS.headers(), csv.get(0));
        assertEquals(3, csv.size(), "the two households of the admin's community, not the other one");
        List<String> row = csv.stream().filter(r -> r.get(2).contains("HYPERLINK")).findFirst().orElseThrow(() -> new AssertionError(csv.toString()));
        assertEquals("'" + formula, row.get(2), "a formula-like cell starts with an apostrophe");
        assertEquals("'@沂蒙路1号", row.get(5));
        assertEquals(id.substring(0, 6) + "********" + id.substring(14), row.get(3));
        assertEquals(phone.substring(0, 3) + "****" + phone.substring(7), row.get(4));
        assertEquals("东网格", row.get(1));
        assertEquals("独居老人、低保", row.get(7));
        String all = String.join("\n", csv.stream().map(r -> String.join(",", r)).toList());
        assertFalse(all.contains(id) || all.contains(phone), "no full ID number or phone");

        // a grid worker sees their grid only; the XLSX has the same shape
        List<List<String>> xlsx = Sheets.readXlsx(export(Fixtures.gridWorker(grid), "households", "xlsx", null));
        assertEquals(Template.HOUSEHOLDS.headers(), xlsx.get(0));
        assertEquals(2, xlsx.size());
        assertEquals(formula, xlsx.get(1).get(2), "XLSX keeps text as text, never a formula");
        Fixtures.as(Fixtures.cityAdmin()).get("/api/v1/exports/households?format=xlsx&communityId=" + other).then()
                .statusCode(200);
        Fixtures.as(Fixtures.volunteerToken(java.util.UUID.randomUUID().toString())).get("/api/v1/exports/households")
                .then().statusCode(403);
        Fixtures.as(Fixtures.cityAdmin()).get("/api/v1/exports/pets").then().statusCode(404);
    }

    @Test
    void exportedHouseholdsCanBeUploadedAgainAndAddNothing() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String token = Fixtures.communityAdmin(community);
        Fixtures.household(community, null);
        Fixtures.household(community, null);
        byte[] xlsx = export(token, "households", "xlsx", null);
        var r = ImportApiTest.post(token, "households", "commit", community, Sheets.XLSX, xlsx);
        Map<String, Object> job = ImportApiTest.finished(token, r.path("id"));
        assertEquals("COMMITTED", job.get("state"));
        assertEquals(2, job.get("rowsSkipped"));
        assertEquals(0, job.get("rowsCommitted"));
        assertEquals(0, job.get("rowsInvalid"));
    }

    @Test
    void volunteersPairingsAndServiceRecordsExportInScope() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        String household = Fixtures.household(community, grid);
        String pairing = Fixtures.pairing(household, a, b);
        Fixtures.as(Fixtures.cityAdmin()).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 45,
                "volunteerIds", List.of(a, b))).post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);
        String token = Fixtures.communityAdmin(community);

        List<List<String>> volunteers = Sheets.readCsv(export(token, "volunteers", "csv", "status=ACTIVE"));
        assertEquals(Template.VOLUNTEERS.headers(), volunteers.get(0));
        assertEquals(3, volunteers.size());
        assertTrue(volunteers.get(1).get(3).matches("1\\d\\d\\*{4}\\d{4}"), "masked phone");
        assertEquals("是", volunteers.get(1).get(8));

        List<List<String>> pairings = Sheets.readXlsx(export(token, "pairings", "xlsx", null));
        assertEquals(2, pairings.size());
        assertEquals("帮扶中", pairings.get(1).get(8));
        assertTrue(pairings.get(1).get(5).contains("****"));

        List<List<String>> records = Sheets.readCsv(export(token, "service-records", "csv",
                "from=" + Fixtures.today() + "&to=" + Fixtures.today().plusDays(1)));
        assertEquals(3, records.size());
        assertEquals("45", records.get(1).get(5));
        assertEquals("入户走访", records.get(1).get(8));
        assertEquals(1, Sheets.readCsv(export(Fixtures.communityAdmin(Fixtures.community(Fixtures.COUNTY)),
                "service-records", "csv", null)).size(), "another community's admin gets the header only");
        Fixtures.as(token).get("/api/v1/exports/service-records?from=2025-13-01").then().statusCode(422);
    }

    @Test
    void datesAndTimesAreInTheProgrammesZone() {
        // 17:30 UTC on 4 March is 01:30 on 5 March in Asia/Shanghai (programme.zone)
        TestClocks.fix(clock, Instant.parse("2026-03-04T17:30:00Z"));
        try {
            String community = Fixtures.community(Fixtures.COUNTY);
            String grid = Fixtures.grid(community);
            String a = Fixtures.volunteer(community, grid);
            Fixtures.pairing(Fixtures.household(community, grid), a, Fixtures.volunteer(community, grid));
            Engagement.serve(community, a, Instant.parse("2026-03-04T16:00:00Z"), Instant.parse("2026-03-04T16:45:00Z"));
            String token = Fixtures.communityAdmin(community);

            List<List<String>> pairings = Sheets.readCsv(export(token, "pairings", "csv", null));
            assertEquals("2026-03-05", pairings.get(1).get(9), "结对日期");
            List<List<String>> records = Sheets.readCsv(export(token, "service-records", "csv", null));
            assertEquals(List.of("2026-03-05", "2026-03-05 00:00", "2026-03-05 00:45"), records.get(1).subList(2, 5));
        } finally {
            TestClocks.reset(clock);
        }
    }
}
