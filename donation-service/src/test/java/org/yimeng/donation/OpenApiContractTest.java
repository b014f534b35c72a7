package org.yimeng.donation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.ledger.LedgerService;
import org.yimeng.local.TestStack;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiContract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The served OpenAPI document and the live answers cannot drift: every GET operation the document lists is called
 * on seeded data (a donation, a reversal, a disbursement: lists non-empty, {@code reversalOf} both null and set) and
 * each JSON body, and the problem bodies of a 401, 404 and 422, are validated against the operation's declared
 * response schema (JSON Schema 2020-12, {@link OpenApiContract}). A GET without a sample here fails by name: add its
 * sample to {@link #samples}.
 */
@QuarkusTest
class OpenApiContractTest {
    @Inject
    ObjectMapper mapper;

    @Inject
    LedgerService ledger;

    @Inject
    org.yimeng.donation.ledger.DigestService digests;

    /** A request that gets a real, non-empty 200 from the operation: path with query, and the role whose token to send. */
    private record Sample(String path, String role) {
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void everyGetOperationAnswersWhatTheDocumentDeclares() {
        Map<String, Sample> samples = samples();
        OpenApiContract contract = OpenApiContract.fetch(base());
        List<String> served = contract.operations("GET", "/api/", "/public/");
        List<String> unsampled = served.stream().filter(op -> !samples.containsKey(op)).toList();
        assertTrue(unsampled.isEmpty(), "GET operations without a sample in OpenApiContractTest.samples() "
                + "(add one that answers 200 with data): " + unsampled);
        List<String> stale = samples.keySet().stream().filter(op -> !served.contains(op)).toList();
        assertTrue(stale.isEmpty(), "samples of operations the document no longer lists: " + stale);

        Http http = new Http(base());
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Sample> s : samples.entrySet()) {
            Http.Answer a = http.send("GET", s.getValue().path(), "Bearer " + TestStack.token(s.getValue().role()), null);
            if (a.status() != 200) {
                errors.add(s.getKey() + ": sample " + s.getValue().path() + " answered " + a.status() + " " + a.body());
                continue;
            }
            if (a.body().startsWith("{\"items\":[]") || a.body().equals("[]")) {
                errors.add(s.getKey() + ": sample " + s.getValue().path() + " answered an empty list");
            }
            errors.addAll(contract.validate(s.getKey(), a));
        }
        String auditor = "Bearer " + TestStack.token("AUDITOR");
        errors.addAll(contract.validate("GET /api/v1/ledger/entries", http.send("GET", "/api/v1/ledger/entries", null, null)));
        errors.addAll(contract.validate("GET /public/v1/communities/{id}/fund",
                http.send("GET", "/public/v1/communities/" + UUID.randomUUID() + "/fund", null, null)));
        errors.addAll(contract.validate("GET /api/v1/ledger/entries",
                http.send("GET", "/api/v1/ledger/entries?limit=501", auditor, null)));
        assertTrue(errors.isEmpty(), errors.size() + " answers differ from the document:\n"
                + String.join("\n", errors.subList(0, Math.min(errors.size(), 200))));
    }

    @Test
    void documentKeepsItsConventions() {
        List<String> problems = OpenApiContract.fetch(base()).lint();
        assertTrue(problems.isEmpty(), problems.size() + " breaches:\n" + String.join("\n", problems));
    }

    @Test
    void publishedPhonePatternsRefuseANumberInsideOtherText() {
        OpenApiContract contract = OpenApiContract.fetch(base());
        Map<String, String> phones = new LinkedHashMap<>();
        contract.patterns().forEach((where, p) -> {
            if (where.toLowerCase().endsWith("phone")) {
                phones.put(where, p);
            }
        });
        assertFalse(phones.isEmpty(), "no phone pattern published");
        for (String where : phones.keySet()) {
            assertEquals(List.of(), contract.validateValue(where, new TextNode("13812345678")), where);
            assertFalse(contract.validateValue(where, new TextNode("abc13812345678xyz")).isEmpty(),
                    where + " accepts abc13812345678xyz: " + phones.get(where));
        }
    }

    private Map<String, Sample> samples() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.piggyBank(community);
        io.restassured.response.Response first = Fixtures.donateTo(community, 1000);
        Number sequence = first.path("sequence");
        String gift = Fixtures.donateTo(community, 70).path("entryId");
        as("FINANCE").body("{\"reason\":\"误录\"}").post("/api/v1/ledger/entries/" + gift + "/reversal").then()
                .statusCode(201);
        LedgerService.await(ledger.disburse(community, UUID.randomUUID(), 300, "社区助餐", UUID.randomUUID()));

        Map<String, Sample> s = new HashMap<>();
        s.put("GET /api/v1/piggy-banks", new Sample("/api/v1/piggy-banks?communityId=" + community, "CITY_ADMIN"));
        s.put("GET /api/v1/ledger/entries", new Sample("/api/v1/ledger/entries?communityId=" + community, "AUDITOR"));
        s.put("GET /api/v1/ledger/communities/{id}/balance",
                new Sample("/api/v1/ledger/communities/" + community + "/balance", "AUDITOR"));
        s.put("GET /api/v1/ledger/communities/{id}/statement",
                new Sample("/api/v1/ledger/communities/" + community + "/statement?from=2025-01-01&to=2035-01-01", "AUDITOR"));
        s.put("GET /api/v1/ledger/export",
                new Sample("/api/v1/ledger/export?fromSequence=" + sequence + "&toSequence=" + sequence, "AUDITOR"));
        s.put("GET /api/v1/ledger/verify", new Sample("/api/v1/ledger/verify", "AUDITOR"));
        String box = as("CITY_ADMIN").body(Map.of("communityId", community, "label", "契约爱扑满", "place", "社区服务中心"))
                .post("/api/v1/piggy-banks").then().statusCode(201).extract().path("id");
        s.put("GET /api/v1/piggy-banks/{id}/poster", new Sample("/api/v1/piggy-banks/" + box + "/poster", "COLLECTOR"));
        s.put("GET /public/v1/communities/{id}/fund", new Sample("/public/v1/communities/" + community + "/fund", "AUDITOR"));
        s.put("GET /public/v1/communities", new Sample("/public/v1/communities?countyCode=" + Fixtures.COUNTY, "AUDITOR"));
        digests.digestNow();
        s.put("GET /public/v1/receipts/{receiptNo}", new Sample("/public/v1/receipts/" + first.path("receiptNo"), "AUDITOR"));
        return s;
    }
}
