package org.yimeng.donation.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.DigestService;
import org.yimeng.local.TestStack;
import org.yimeng.local.testing.AuthorizationMatrix;
import org.yimeng.local.testing.HostileInputs;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiOperations;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile input on every body, path parameter, query parameter and Idempotency-Key the service serves, generated from
 * its OpenAPI document (org.yimeng.local.testing.HostileInputs, seed {@value #SEED}): never a 5xx, every 4xx
 * problem+json, and requests that cannot be valid leave every table as it was (the chain and its head, balances,
 * donations, donors, piggy-banks, the outbox, ...). Each operation is attacked as a caller the authorization matrix
 * lets through, so the attacks reach the service's rules rather than its gate.
 */
@QuarkusTest
class HostileInputTest {
    private static final Logger LOG = Logger.getLogger(HostileInputTest.class);
    private static final long SEED = 20250518L;
    private static final String BODY_METHODS = "POST PUT PATCH";
    private static final String KEY = "Idempotency-Key";
    /** Who attacks: the first of these the matrix lets through for the operation. */
    private static final List<String> ATTACKERS = List.of("CITY_ADMIN", "COLLECTOR", "FINANCE", "AUDITOR");
    /**
     * Fields for which no generated value is valid (a sample body stays valid otherwise): every attack on them must be
     * refused. Amounts: -1, 0, 1.5, 2^31, 1e30, 2^63, -2^63, "12", null, true, [], {}.
     */
    private static final Map<String, Set<String>> NO_VALID_HOSTILE_VALUE = Map.of(
            "POST /api/v1/donations", Set.of("amountFen", "channel", "piggyBankCode"),
            "POST /api/v1/piggy-banks", Set.of("communityId"));
    private static final AtomicLong KEYS = new AtomicLong();
    private static final int MAX_REQUEST_LINE = 4096;

    @Inject
    ObjectMapper mapper;

    @Inject
    DigestService digests;

    private final HostileInputs hostile = new HostileInputs(SEED);
    // one set of fixtures for the class (JUnit makes an instance per test)
    private static ScopeFixtures fixtures;
    private AuthorizationMatrix matrix;
    private List<OpenApiOperations.Operation> operations;
    private Http http;

    @BeforeEach
    void setUp() {
        if (fixtures == null) {
            fixtures = new ScopeFixtures(mapper);
        }
        matrix = fixtures.matrix();
        operations = OpenApiOperations.fetch(ScopeFixtures.baseUrl()).under("/api/", "/public/");
        http = new Http(ScopeFixtures.baseUrl());
    }

    @Test
    void requestsThatCannotBeValidAreRefusedAsProblemsAndWriteNothing() throws Exception {
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            AuthorizationMatrix.Request sample = matrix.request(op.key());
            if (BODY_METHODS.contains(op.method()) && op.hasBody()) {
                attacks.addAll(hostile.malformed(op, sample.path()));
                attacks.add(new HostileInputs.Attack(op.key(), "valid body then a second document", op.method(),
                        sample.path(), sample.body() + "{}", Map.of()));
                // from an empty body one field at a time: with two or more required fields the others stay missing
                if (op.requestBody().path("required").size() >= 2) {
                    attacks.addAll(hostile.fields(op, sample.path(), "{}", 60));
                }
                // fields none of whose hostile values is valid, inside an otherwise valid body: past validation
                Set<String> fields = NO_VALID_HOSTILE_VALUE.getOrDefault(op.key(), Set.of());
                hostile.fields(op, sample.path(), sample.body(), Integer.MAX_VALUE).stream()
                        .filter(a -> fields.contains(a.label().substring(0, a.label().indexOf(" = "))))
                        .forEach(attacks::add);
            }
            if (op.path().contains("{")) {
                // malformed, unknown and hostile ids in the path, on every method (DELETE included)
                attacks.addAll(hostile.paths(op, sample.path(), sample.body(), 40));
            }
            if (idempotencyKey(op) != null) {
                attacks.addAll(hostileKeys(op, sample));
            }
        }
        attacks.add(amount("POST /api/v1/donations", 10_000_001L));
        attacks.add(amount("POST /api/v1/donations", Long.MAX_VALUE));

        Map<String, String> before = quietFingerprint();
        HostileInputs.Report report = run(attacks, true);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        assertEquals(before, fingerprint(), "a refused request changed the database");
        assertTrue(report.sent() > 300, "only " + report.sent() + " attacks");
    }

    @Test
    void hostileQueryParametersNeverBreakAReadAndWriteNothing() throws Exception {
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (op.method().equals("GET") && !op.query().isEmpty()) {
                String path = matrix.request(op.key()).path();
                attacks.addAll(hostile.queries(op, path, 120, true)); // replace the sample's own parameters
                attacks.addAll(hostile.typedQueries(op, path, 80));
            }
        }
        Map<String, String> before = quietFingerprint();
        // a value the client got wrong is its mistake (422 naming the parameter), not a missing resource: JAX-RS'
        // answer to a value it cannot convert is a 404 "No resource at" the path. (An unknown community is a 404.)
        HostileInputs.Report report = run(attacks, false, (attack, answer) -> answer.status() == 404
                && answer.body().contains("No resource at") ? "query value read as a missing resource" : null);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        assertEquals(before, fingerprint(), "a read changed the database");
        assertTrue(report.sent() > 300, "only " + report.sent() + " attacks");
    }

    @Test
    void hostileFieldsInOtherwiseValidBodiesNeverBreakTheService() {
        // valid samples (the matrix's bodies) carry each hostile value past validation into the service's own rules
        // and the ledger writer; some are legitimate data (a donor named "' OR 1=1 --") and are recorded
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            AuthorizationMatrix.Request sample = matrix.request(op.key());
            if (BODY_METHODS.contains(op.method()) && op.hasBody()) {
                attacks.addAll(hostile.fields(op, sample.path(), sample.body(), 200));
            }
        }
        HostileInputs.Report report = run(attacks, false);
        assertTrue(report.failures().isEmpty(), report.failures().size() + " of " + report.sent() + ":\n"
                + String.join("\n", report.failures()));
        assertTrue(report.statuses().keySet().stream().anyMatch(s -> s == 201), "nothing got through: " + report.statuses());
        // what was recorded still hashes into a valid chain
        Http.Answer verify = http.send("GET", "/api/v1/ledger/verify", fixtures.authorization.get("AUDITOR"), null);
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.body().contains("\"valid\":true"), verify.body());
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413ProblemsWithOrWithoutALength() throws Exception {
        // with a Content-Length the body is refused before it is read; chunked, the limit is found while reading it
        List<HostileInputs.Attack> attacks = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (BODY_METHODS.contains(op.method())) {
                attacks.add(HostileInputs.oversized(op, matrix.request(op.key()).path(), 1_100_000, false));
                attacks.add(HostileInputs.oversized(op, matrix.request(op.key()).path(), 1_100_000, true));
            }
        }
        Map<String, String> before = quietFingerprint();
        HostileInputs.Report report = run(attacks, true, (attack, answer) -> answer.body()
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"") ? null : "not PAYLOAD_TOO_LARGE");
        assertTrue(report.failures().isEmpty(), String.join("\n", report.failures()));
        assertEquals(Map.of(413, attacks.size()), report.statuses());
        assertEquals(before, fingerprint(), "an oversized request changed the database");
    }

    /**
     * Runs each operation's attacks as a caller the matrix lets through, each with a fresh Idempotency-Key if it takes
     * one. A request line longer than Vert.x accepts (quarkus.http.limits.max-initial-line-length, 4,096 bytes) never
     * reaches the service: the HTTP layer answers 414 without a body, and Quarkus offers no hook to change that answer;
     * such attacks must get exactly that 414.
     */
    private HostileInputs.Report run(List<HostileInputs.Attack> attacks, boolean mustFail) {
        return run(attacks, mustFail, (attack, answer) -> null);
    }

    private HostileInputs.Report run(List<HostileInputs.Attack> attacks, boolean mustFail,
            BiFunction<HostileInputs.Attack, Http.Answer, String> rule) {
        Map<String, List<HostileInputs.Attack>> byOperation = new LinkedHashMap<>();
        int sent = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (HostileInputs.Attack a : attacks) {
            if ((a.method() + " " + a.path() + " HTTP/1.1").length() > MAX_REQUEST_LINE) {
                Http.Answer r = http.send(a.method(), a.path(), attacker(a.operation()), a.body(), withKey(a).headers(),
                        a.chunked());
                sent++;
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() != 414) {
                    failures.add(a.operation() + " [" + a.label() + "]: request line over the limit, " + r.status());
                }
                continue;
            }
            byOperation.computeIfAbsent(a.operation(), k -> new ArrayList<>()).add(withKey(a));
        }
        for (Map.Entry<String, List<HostileInputs.Attack>> e : byOperation.entrySet()) {
            HostileInputs.Report r = HostileInputs.run(http, attacker(e.getKey()), e.getValue(), mustFail, rule);
            sent += r.sent();
            r.statuses().forEach((s, n) -> statuses.merge(s, n, Integer::sum));
            failures.addAll(r.failures());
        }
        // one line per run, so that the log says what was sent and how it was answered
        LOG.infof("%d hostile requests, answered %s", sent, statuses);
        return new HostileInputs.Report(sent, statuses, failures);
    }

    private String attacker(String operation) {
        Map<String, String> expected = matrix.rows().get(operation).expected();
        String role = ATTACKERS.stream().filter(c -> "ok".equals(expected.get(c))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no attacker may call " + operation));
        return fixtures.authorization.get(role);
    }

    /** A fresh key, unless the attack is about the key itself; without one a donation stops at the missing header. */
    private HostileInputs.Attack withKey(HostileInputs.Attack a) {
        OpenApiOperations.Operation op = operations.stream().filter(o -> o.key().equals(a.operation())).findFirst()
                .orElseThrow();
        if (idempotencyKey(op) == null || a.label().startsWith(KEY)) {
            return a;
        }
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        headers.put(KEY, nextKey());
        return a.withHeaders(headers);
    }

    private static String nextKey() {
        return "hostile-" + fixtures.vars.get("run") + "-" + KEYS.incrementAndGet();
    }

    private static OpenApiOperations.Parameter idempotencyKey(OpenApiOperations.Operation op) {
        return op.parameters().stream().filter(p -> p.in().equals("header") && p.name().equals(KEY)).findFirst()
                .orElse(null);
    }

    /** A valid body with a key that is not one (api.md: 1 to 200 visible ASCII characters), or none where required. */
    private static List<HostileInputs.Attack> hostileKeys(OpenApiOperations.Operation op, AuthorizationMatrix.Request sample) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (idempotencyKey(op).required()) {
            // an empty (or blank) header reads as none: where the key is optional (a reversal) that is simply a request
            // without one
            keys.put("empty", "");
            keys.put("blank", "   ");
        }
        keys.put("201 characters", "k".repeat(201));
        keys.put("10,000 characters", "k".repeat(10_000));
        keys.put("inner space", "a b");
        keys.put("tab", "a\tb");
        keys.put("injection", "' OR 1=1 --");
        List<HostileInputs.Attack> out = new ArrayList<>();
        keys.forEach((label, key) -> out.add(new HostileInputs.Attack(op.key(), KEY + " = " + label, op.method(),
                sample.path(), sample.body(), Map.of(KEY, key))));
        if (idempotencyKey(op).required()) {
            out.add(new HostileInputs.Attack(op.key(), KEY + " missing", op.method(), sample.path(), sample.body(),
                    Map.of()));
        }
        return out;
    }

    private HostileInputs.Attack amount(String operation, long amountFen) {
        AuthorizationMatrix.Request sample = matrix.request(operation);
        String body = sample.body().replaceFirst("\"amountFen\":\\d+", "\"amountFen\":" + amountFen);
        return new HostileInputs.Attack(operation, "amountFen = " + amountFen, sample.method(), sample.path(), body, Map.of());
    }

    /**
     * The fingerprint once the service is at rest: the current head digested (so the digest timer has nothing to
     * write), the outbox relayed and no funding request parked, so only a request under test can change a table.
     */
    private Map<String, String> quietFingerprint() throws Exception {
        digests.digestNow();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Fixtures.count("kit_outbox") == 0 && Fixtures.count("funding_parked") == 0);
        return fingerprint();
    }

    /** Every table the service keeps except Flyway's history and the consumer's processed event ids. */
    private static Map<String, String> fingerprint() throws Exception {
        try (Connection c = TestStack.superuser()) {
            Map<String, String> f = HostileInputs.fingerprint(c, t -> !t.startsWith("flyway")
                    && !t.equals("kit_processed_event"));
            if (!f.containsKey("ledger_entry") || !f.containsKey("chain_head") || !f.containsKey("kit_outbox")) {
                throw new IllegalStateException("the fingerprint misses the ledger: " + f.keySet());
            }
            return f;
        }
    }
}
