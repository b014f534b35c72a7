package org.yimeng.volunteer.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.local.testing.AuthorizationMatrix;
import org.yimeng.local.testing.HostileInputs;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiOperations;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile input on every body and query parameter the service serves, generated from its OpenAPI document
 * (org.yimeng.local.testing.HostileInputs, seed {@value #SEED}): never a 5xx, every 4xx problem+json, and requests that
 * cannot be valid write nothing.
 */
@QuarkusTest
class HostileInputTest {
    private static final long SEED = 20250518L;
    private static final String BODY_METHODS = "POST PUT PATCH";

    private final HostileInputs hostile = new HostileInputs(SEED);
    // one set of fixtures for the class (JUnit makes an instance per test)
    private static ScopeFixtures fixtures;
    private AuthorizationMatrix matrix;
    private List<OpenApiOperations.Operation> operations;
    private Http http;
    private String cityAdmin;

    @BeforeEach
    void setUp() {
        if (fixtures == null) {
            fixtures = new ScopeFixtures();
        }
        matrix = fixtures.matrix();
        operations = OpenApiOperations.fetch(ScopeFixtures.baseUrl()).under("/api/", "/public/");
        http = new Http(ScopeFixtures.baseUrl());
        cityAdmin = fixtures.authorization.get("CITY_ADMIN");
    }

    @Test
    void requestsThatCannotBeValidAreRefusedAsProblemsAndWriteNothing() throws Exception {
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            String path = matrix.request(op.key()).path();
            if (BODY_METHODS.contains(op.method()) && op.hasBody()) {
                attacks.addAll(hostile.malformed(op, path));
                // from an empty body one field at a time: with two or more required fields the others stay missing,
                // so no attack can be valid (one-field bodies are covered with valid samples below)
                if (op.hasBody() && op.requestBody().path("required").size() >= 2) {
                    attacks.addAll(hostile.fields(op, path, "{}", 40));
                }
            }
        }
        Map<String, String> before = fingerprint();
        HostileInputs.Report report = HostileInputs.run(http, cityAdmin, attacks, true);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        assertEquals(before, fingerprint(), "a refused request changed the database");
        assertTrue(report.sent() > 500, "only " + report.sent() + " attacks");
    }

    @Test
    void hostileBodiesAndQueriesOnMyOwnRecordAreRefusedAsProblemsAndWriteNothing() throws Exception {
        // the /me operations answer a city admin 403 before reading anything: attack them as a registered resident
        String resident = TestStack.tokens().mint("idp|hostile-" + java.util.UUID.randomUUID(), "RESIDENT",
                Map.of("phone_number", "+86" + org.yimeng.volunteer.Fixtures.phone()), java.time.Duration.ofHours(1));
        org.yimeng.volunteer.Fixtures.as(resident).body(Map.of("name", "居民", "communityId",
                fixtures.vars.get("community"), "skills", List.of(), "consent", true)).post("/api/v1/me/volunteer")
                .then().statusCode(201);
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        List<HostileInputs.Attack> queries = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (!op.key().contains(" /api/v1/me")) {
                continue;
            }
            String path = matrix.request(op.key()).path();
            if (BODY_METHODS.contains(op.method()) && op.hasBody()) {
                attacks.addAll(hostile.malformed(op, path));
                if (op.requestBody().path("required").size() >= 2) {
                    attacks.addAll(hostile.fields(op, path, "{}", 40));
                }
            }
            if (op.method().equals("GET") && !op.query().isEmpty()) {
                queries.addAll(hostile.queries(op, path, 60, true));
            }
        }
        Map<String, String> before = fingerprint();
        HostileInputs.Report report = HostileInputs.run(http, "Bearer " + resident, attacks, true);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        HostileInputs.Report reads = HostileInputs.run(http, "Bearer " + resident, queries, false);
        assertTrue(reads.failures().isEmpty(), String.join("\n", reads.failures()));
        assertEquals(before, fingerprint(), "a refused request changed the database");
        assertTrue(report.sent() > 50, "only " + report.sent() + " attacks");
    }

    @Test
    void hostileQueryParametersNeverBreakAReadAndWriteNothing() throws Exception {
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (op.method().equals("GET") && !op.query().isEmpty()) {
                attacks.addAll(hostile.queries(op, matrix.request(op.key()).path(), 60, true)); // replace the sample's own values
            }
        }
        Map<String, String> before = fingerprint();
        HostileInputs.Report report = HostileInputs.run(http, cityAdmin, attacks, false);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        assertEquals(before, fingerprint(), "a read changed the database");
        assertTrue(report.sent() > 300, "only " + report.sent() + " attacks");
    }

    @Test
    void hostileFieldsInOtherwiseValidBodiesNeverBreakTheService() {
        // valid samples (the matrix's bodies) carry each hostile value past validation into the service's own rules;
        // some are legitimate data (a name with an apostrophe) and are stored
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            AuthorizationMatrix.Request sample = matrix.request(op.key());
            if (BODY_METHODS.contains(op.method()) && op.hasBody()) {
                attacks.addAll(hostile.fields(op, sample.path(), sample.body(), 40));
            }
        }
        HostileInputs.Report report = HostileInputs.run(http, cityAdmin, attacks, false);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
    }

    @Test
    void hostileContactRequestsOfAnInScopeCallerAreProblemsAndWriteNothing() throws Exception {
        // CITY_ADMIN may not ask for numbers (403 before the body is read), so the contact operations are attacked
        // again by the one caller whose requests reach their validation: the community's admin
        String admin = fixtures.authorization.get("COMMUNITY_ADMIN_IN");
        List<HostileInputs.Attack> malformed = new ArrayList<>();
        List<HostileInputs.Attack> fields = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (op.path().endsWith("/contact")) {
                AuthorizationMatrix.Request sample = matrix.request(op.key());
                malformed.addAll(hostile.malformed(op, sample.path()));
                fields.addAll(hostile.fields(op, sample.path(), sample.body(), 40));
            }
        }
        assertTrue(malformed.size() > 10 && fields.size() > 10, "the contact operations were not found");
        Map<String, String> before = fingerprint();
        HostileInputs.Report refused = HostileInputs.run(http, admin, malformed, true);
        HostileInputs.Report valid = HostileInputs.run(http, admin, fields, false);
        List<String> failures = new ArrayList<>(refused.failures());
        failures.addAll(valid.failures());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, fingerprint(), "a contact request changed the database");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413ProblemsWithOrWithoutALength() throws Exception {
        // every body operation twice: with a Content-Length (refused before reading) and chunked (found while reading);
        // the spreadsheet upload streams its body and has its own 20 MB limit (FILE_TOO_LARGE), every other path 1 MB
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (BODY_METHODS.contains(op.method())) {
                int bytes = op.key().equals("POST /api/v1/imports") ? 21_000_000 : 1_100_000;
                String path = matrix.request(op.key()).path();
                attacks.add(HostileInputs.oversized(op, path, bytes, false));
                attacks.add(HostileInputs.oversized(op, path, bytes, true));
            }
        }
        Map<String, String> before = fingerprint();
        HostileInputs.Report report = HostileInputs.run(http, cityAdmin, attacks, true,
                (attack, answer) -> answer.body().contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
                        || answer.body().contains("\"code\":\"FILE_TOO_LARGE\"") ? null : "not a size problem");
        assertTrue(report.failures().isEmpty(), String.join("\n", report.failures()));
        assertEquals(Map.of(413, attacks.size()), report.statuses());
        assertEquals(before, fingerprint(), "an oversized request changed the database");
    }

    @Test
    void queryValuesOfTheWrongTypeOrBeyondTheDatabaseAre422NamingTheParameter() throws Exception {
        // api.md: wrong types are 400 or 422, never 500; JAX-RS would answer an unconvertible limit with a 404 "No
        // resource at", and PostgreSQL refuses instants and dates past year 9999 that Java reads (a 500)
        List<String> attacks = List.of(
                matrix.request("GET /api/v1/activities").path() + "?limit=abc",
                matrix.request("GET /api/v1/volunteers").path() + "?limit=1.5",
                matrix.request("GET /api/v1/audit-events").path() + "?from=%2B1000000000-12-31T23:59:59Z",
                matrix.request("GET /api/v1/activities").path() + "?to=%2B300000-01-01T00:00:00Z",
                matrix.request("GET /api/v1/exports/{kind}").path() + "&from=%2B999999999-12-31",
                matrix.request("GET /api/v1/volunteers").path() + "?communityId=1-1-1-1-1");
        Map<String, String> before = fingerprint();
        List<String> failures = new ArrayList<>();
        for (String path : attacks) {
            String query = path.substring(path.lastIndexOf(path.contains("&") ? '&' : '?') + 1);
            String name = query.substring(0, query.indexOf('='));
            Http.Answer r = http.send("GET", path, cityAdmin, null);
            if (r.status() != 422 || !r.isProblem() || !r.body().contains("\"field\":\"" + name + "\"")) {
                failures.add(path + ": " + r.status() + " " + r.body());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(before, fingerprint(), "a read changed the database");
    }

    /** Everything the service keeps, except the audit trail (reads are audited) and the kit's own bookkeeping. */
    private static Map<String, String> fingerprint() throws Exception {
        try (Connection c = TestStack.superuser()) {
            return HostileInputs.fingerprint(c, t -> !t.startsWith("kit_") && !t.equals("audit_event")
                    && !t.startsWith("flyway"));
        }
    }
}
