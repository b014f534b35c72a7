package org.yimeng.donation.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.Account;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.ChainVerifier;
import org.yimeng.donation.ledger.EntryType;
import org.yimeng.donation.ledger.LedgerCommand;
import org.yimeng.donation.ledger.LedgerDtos.VerifyView;
import org.yimeng.donation.ledger.LedgerWriter;
import org.yimeng.local.TestStack;
import org.yimeng.model.DonationChannel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The ledger's speed, measured end to end on the real PostgreSQL: (a) donations over HTTP with idempotency keys
 * (max sustained rate; latency at a fixed 1,000/s, open loop), (b) a plain batched INSERT of the same rows into the
 * same PostgreSQL, and the ledger's rate as a ratio of it, (c) chain verification over more than a million entries.
 * Writes target/bench/ledger.md. Run: {@code bench/run donation-service}.
 */
@Tag("bench")
@QuarkusTest
class LedgerBench {
    private static final int MAX_IN_FLIGHT = 256;
    private static final int MAX_SECONDS = 20;
    private static final int FIXED_RATE = 1000;
    private static final int FIXED_SECONDS = 20;
    private static final int VERIFY_TARGET = 1_000_000;

    @Inject
    ObjectMapper mapper;

    @Inject
    ChainVerifier verifier;

    @Inject
    LedgerWriter writer;

    @TestHTTPResource("/")
    java.net.URL base;

    private String token;
    private String code;
    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        code = Fixtures.piggyBank(community);
        token = TestStack.token("COLLECTOR");

        // quick partial runs while tuning: -Dbench.only=writer or -Dbench.only=http
        if ("writer".equals(System.getProperty("bench.only"))) {
            writerDirect(community, 20_000);
            Result w = writerDirect(community, 60_000);
            System.out.println("WRITER ONLY: " + w.rate() + "/s");
            return;
        }
        if ("kafka".equals(System.getProperty("bench.only"))) {
            List<UUID> targets = communities(8);
            incomingOverKafka(targets, 20_000);
            Kafka k = incomingOverKafka(targets, KAFKA_RECORDS);
            System.out.println("KAFKA ONLY: " + fmt(k.rate()) + "/s (" + k.recorded + " in " + k.seconds + " s, produced in "
                    + k.produceSeconds + " s)");
            return;
        }
        if ("http".equals(System.getProperty("bench.only"))) {
            generator("closed", MAX_IN_FLIGHT, 5);
            LoadGenerator.Run r = generator("closed", MAX_IN_FLIGHT, MAX_SECONDS);
            System.out.println("HTTP ONLY: " + fmt(r.rate()) + "/s p50 " + r.p50us() / 1000.0 + " ms p99 " + r.p99us() / 1000.0
                    + " ms, generator CPU " + r.cpuSeconds() + " s");
            drainOutbox();
            LoadGenerator.Run f = generator("open", FIXED_RATE, FIXED_SECONDS);
            System.out.println("HTTP FIXED: " + fmt(f.rate()) + "/s p50 " + f.p50us() / 1000.0 + " ms p99 " + f.p99us() / 1000.0
                    + " ms max " + f.maxus() / 1000.0 + " ms, failed " + f.failed());
            return;
        }
        generator("closed", MAX_IN_FLIGHT, 10); // warm-up: JIT, connection pools, prepared statements
        drainOutbox();
        LoadGenerator.Run max = generator("closed", MAX_IN_FLIGHT, MAX_SECONDS);
        drainOutbox(); // each phase starts with the relay idle, so one phase's Kafka backlog does not load the next
        LoadGenerator.Run fixed = generator("open", FIXED_RATE, FIXED_SECONDS);
        drainOutbox();
        Result writerOnly = writerDirect(community, 60_000);
        drainOutbox();
        List<UUID> targets = communities(8);
        incomingOverKafka(targets, 20_000); // warm-up
        drainOutbox();
        Kafka kafka = incomingOverKafka(targets, KAFKA_RECORDS);
        drainOutbox();
        long plainRows = Math.max(max.ok(), 50_000);
        double plain = plainBatchedInsert(plainRows);
        long head = ensureChainOf(VERIFY_TARGET, community);
        double[] verify = verify();
        double[] export = exportOverHttp();

        double ratio = max.rate() / plain;
        double writerRatio = writerOnly.rate() / plain;
        report.append("## donation-service: the ledger\n\n");
        report.append("Each phase starts after the outbox relay has published the previous phase's events and a VACUUM ANALYZE of the ledger's tables (so that autovacuum of one phase's rows does not run in the next). Command: `mvn -B -ntp -Pbench -pl donation-service verify -Dtest=LedgerBench "
                + "-Dsurefire.failIfNoSpecifiedTests=false` (or `bench/run donation-service`). PostgreSQL runs as the test "
                + "stack starts it (fsync, synchronous_commit and full_page_writes off: a throwaway cluster), so commits "
                + "cost no disk flush here; the ratio to a plain INSERT on the same server is the figure that carries over.\n\n");
        report.append("| What | Result | Target |\n|---|---|---|\n");
        row("Donations over HTTP, max sustained (" + MAX_SECONDS + " s, " + MAX_IN_FLIGHT + " in flight, unique Idempotency-Keys)",
                fmt(max.rate()) + "/s (" + max.ok() + " recorded, " + max.failed() + " failed; p50 " + us(max.p50us()) + ", p99 "
                        + us(max.p99us()) + "; generator CPU " + String.format(Locale.ROOT, "%.1f", max.cpuSeconds()) + " s)",
                "≥ 2,000/s " + (max.rate() >= 2000 ? "✅" : "❌ missed"));
        row("Donations over HTTP at a fixed " + FIXED_RATE + "/s, open loop (" + FIXED_SECONDS + " s)",
                "p50 " + us(fixed.p50us()) + ", p99 " + us(fixed.p99us()) + ", max " + us(fixed.maxus()) + " (" + fixed.ok()
                        + " recorded, " + fixed.failed() + " failed; achieved " + fmt(fixed.rate()) + "/s)",
                "p99 < 50 ms " + (fixed.p99us() < 50_000L && fixed.failed() == 0 ? "✅" : "❌ missed"));
        row("Plain batched INSERT of the same rows (JDBC addBatch, 1,000 per batch and commit, no triggers)",
                fmt(plain) + " rows/s (" + plainRows + " rows)", "baseline");
        row("Ledger over HTTP as a ratio of the plain INSERT", String.format(Locale.ROOT, "%.2f", ratio),
                "aim ≥ 0.5 " + (ratio >= 0.5 ? "✅" : "❌ missed"));
        row("Donations from ledger.incoming-donations.v1 (" + fmt(kafka.recorded) + " DonationReceived records over "
                + targets.size() + " communities, max-poll-records " + maxPollRecords() + ", writer batch " + maxBatch()
                + "), and the ratio to the plain INSERT", fmt(kafka.rate()) + "/s recorded (" + String.format(Locale.ROOT,
                        "%.1f", kafka.seconds) + " s from the first send to the last recorded; producing took "
                        + String.format(Locale.ROOT, "%.1f", kafka.produceSeconds) + " s), ratio "
                        + String.format(Locale.ROOT, "%.2f", kafka.rate() / plain),
                "≥ 10,000/s " + (kafka.rate() >= 10_000 ? "✅" : "❌ missed"));
        row("Ledger writer alone (in-process commands, no HTTP/JWT), and its ratio",
                fmt(writerOnly.rate()) + "/s, ratio " + String.format(Locale.ROOT, "%.2f", writerRatio), "for insight");
        row("Chain verification (in-process, " + fmt(verify[0]) + " entries)", fmt(verify[1]) + " entries/s",
                "≥ 200,000/s " + (verify[1] >= 200_000 ? "✅" : "❌ missed"));
        row("GET /api/v1/ledger/verify over HTTP (" + fmt(verify[0]) + " entries)", fmt(verify[2]) + " entries/s", "");
        row("GET /api/v1/ledger/export NDJSON over HTTP (" + fmt(export[0]) + " entries, " + fmt(export[1] / 1e6) + " MB)",
                fmt(export[2]) + " entries/s", "streamed");
        report.append("\nChain head after the run: sequence ").append(head).append(".\n\n");
        report.append("What each measures: (a) a COLLECTOR's POST /api/v1/donations with a fresh Idempotency-Key and a "
                + "piggy-bank code, through JWT verification, validation, the group-commit writer (chain lock, hash, entry, "
                + "donation row, balances, outbox event) and the commit, answered 201; the load generator (LoadGenerator) "
                + "is a Vert.x HTTP client with one event loop in a JVM of its own beside the service, on the same 2 cores, "
                + "with keep-alive connections. The open-loop run sends on a fixed schedule whatever the "
                + "answers and measures from the scheduled send time, so queueing delay is not hidden. (b) the same row "
                + "shape written by one JDBC connection into a table without triggers or indexes beyond the primary key. "
                + "(a') DonationReceived JSON produced to ledger.incoming-donations.v1 by a Kafka producer in the same JVM, "
                + "consumed by the service's idempotent consumer (event ids recorded per poll), checked and handed to the same "
                + "writer as HTTP; timed from the first send until the chain head has grown by the number of records. "
                + "(c) ChainVerifier over the whole chain (one REPEATABLE READ snapshot, server-side cursor), as "
                + "GET /api/v1/ledger/verify runs it; the chain was extended to over a million entries by bulk COPY of "
                + "entries hashed in Java.\n");
        Path out = Path.of("target/bench/ledger.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
        assertTrue(verify[3] == 1, "the generated chain verifies");
    }

    // ---- (a) HTTP -------------------------------------------------------------------------------------------------

    /** What the in-process writer run achieved. */
    record Result(long ok, long failed, double seconds) {
        double rate() {
            return ok / seconds;
        }
    }

    /** Donations over HTTP from {@link LoadGenerator} in a JVM of its own. */
    private LoadGenerator.Run generator(String mode, int n, int seconds) throws Exception {
        return LoadGenerator.run(mode, base.toString(), token, code, n, seconds);
    }

    /** The writer without HTTP: what the chain append itself sustains. */
    private Result writerDirect(UUID community, int n) throws Exception {
        Semaphore slots = new Semaphore(2000);
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            CompletableFuture<LedgerCommand.DonationReceipt> f = writer.submit(new LedgerCommand.Donate(
                    UUID.randomUUID().toString(), ChainHash.GENESIS, ChainHash.GENESIS, code, null, 100, DonationChannel.CASH, null, null, false,
                    null, new CompletableFuture<>()));
            f.whenComplete((r, e) -> {
                if (e == null) {
                    ok.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(2000);
        return new Result(ok.get(), n - ok.get(), (System.nanoTime() - start) / 1e9);
    }

    private static void drainOutbox() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> Fixtures.count("kit_outbox") == 0);
        // the previous phase's table maintenance is done now, not by autovacuum in the middle of the next phase
        try (java.sql.Connection c = TestStack.superuser(); var st = c.createStatement()) {
            st.execute("VACUUM ANALYZE ledger_entry, donation, account_balance, kit_outbox, kit_processed_event");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }


    // ---- (a') Kafka -----------------------------------------------------------------------------------------------

    private static final int KAFKA_RECORDS = Integer.getInteger("bench.kafka.records", 200_000);

    record Kafka(long recorded, double seconds, double produceSeconds) {
        double rate() {
            return recorded / seconds;
        }
    }

    private List<UUID> communities(int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.community(mapper, Fixtures.COUNTY));
        }
        return out;
    }

    /**
     * Produces {@code n} DonationReceived records as a payment platform would (key = community, fresh idempotency
     * keys) and times from the first send until the last is recorded in the ledger. Producer and consumer share the
     * machine, so this is the lower bound of what the consumer alone sustains.
     */
    private Kafka incomingOverKafka(List<UUID> targets, int n) throws Exception {
        long headBefore = Fixtures.number("SELECT sequence FROM chain_head");
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("linger.ms", "20");
        p.put("batch.size", Integer.toString(512 * 1024));
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < n; i++) {
                UUID community = targets.get(i % targets.size());
                var e = new org.yimeng.model.event.DonationReceived(UUID.randomUUID(),
                        org.yimeng.model.event.DonationReceived.TYPE, Instant.now(), 1, "bench-" + run + "-" + i, null,
                        community, 100, "WECHAT", null);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        org.yimeng.model.event.Topics.INCOMING_DONATIONS, e.key(), mapper.writeValueAsString(e)));
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - start) / 1e9;
        long target = headBefore + n;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> Fixtures.number("SELECT sequence FROM chain_head") >= target);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Kafka(n, seconds, produced);
    }

    private static String maxPollRecords() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("kit.consumer.max-poll-records", String.class).orElse("1000");
    }

    private static String maxBatch() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("ledger.writer.max-batch", String.class).orElse("1000");
    }

    // ---- (b) plain INSERT -----------------------------------------------------------------------------------------

    private double plainBatchedInsert(long rows) throws Exception {
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_plain_entry");
            st.execute("CREATE TABLE bench_plain_entry (sequence bigint PRIMARY KEY, entry_id uuid NOT NULL, type text NOT NULL, "
                    + "community_id uuid NOT NULL, debit_account text NOT NULL, credit_account text NOT NULL, "
                    + "amount_fen bigint NOT NULL, occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL, "
                    + "reversal_of uuid, prev_hash char(64) NOT NULL, hash char(64) NOT NULL)");
            c.setAutoCommit(false);
            UUID community = UUID.randomUUID();
            String fund = Account.fund(community).format();
            String prev = ChainHash.GENESIS;
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plain_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long i = 1; i <= rows; i++) {
                    Timestamp now = Timestamp.from(Instant.now());
                    String hash = prev; // the same shape; the plain path computes nothing
                    ps.setLong(1, i);
                    ps.setObject(2, UUID.randomUUID());
                    ps.setString(3, "DONATION");
                    ps.setObject(4, community);
                    ps.setString(5, Account.DONATIONS_IN.format());
                    ps.setString(6, fund);
                    ps.setLong(7, 100);
                    ps.setTimestamp(8, now);
                    ps.setTimestamp(9, now);
                    ps.setObject(10, null);
                    ps.setString(11, prev);
                    ps.setString(12, hash);
                    ps.addBatch();
                    if (i % 1000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            st.execute("DROP TABLE bench_plain_entry");
            return rate;
        }
    }

    // ---- (c) verify -----------------------------------------------------------------------------------------------

    /**
     * Extends the chain to at least {@code target} entries: one-yuan donations to one fund, hashed and bulk-loaded by
     * {@link ChainLoader}, the head and balances moved to match.
     */
    private long ensureChainOf(int target, UUID community) throws Exception {
        try (ChainLoader load = ChainLoader.open(target)) {
            if (load.head() >= target) {
                return load.head();
            }
            String fund = Account.fund(community).format();
            String id = community.toString();
            long at = Math.max(load.headRecordedMicros(), ChainHash.toMicros(Instant.now()));
            while (load.head() < target) {
                at++;
                load.append(load.newId(at), EntryType.DONATION, community, id, Account.DONATIONS_IN.format(), fund, 100, at, at, null);
            }
            return load.finish().head();
        }
    }

    /** [entries, in-process entries/s, HTTP entries/s, valid?1:0] */
    private double[] verify() throws Exception {
        verifier.verify(null, null); // warm-up
        long start = System.nanoTime();
        VerifyView v = verifier.verify(null, null);
        double inProcess = v.checked() / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        String body = io.restassured.RestAssured.given().auth().oauth2(TestStack.token("AUDITOR"))
                .get("/api/v1/ledger/verify").then().statusCode(200).extract().asString();
        double http = v.checked() / ((System.nanoTime() - start) / 1e9);
        assertTrue(body.contains("\"valid\":true"), body);
        return new double[] {v.checked(), inProcess, http, v.valid() ? 1 : 0};
    }

    /** [entries, bytes, entries/s] */
    private double[] exportOverHttp() throws Exception {
        long start = System.nanoTime();
        java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/api/v1/ledger/export"))
                        .header("Authorization", "Bearer " + TestStack.token("AUDITOR")).header("Accept", "application/x-ndjson")
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (var in = r.body()) {
            for (int n; (n = in.read(buf)) > 0;) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new double[] {lines, bytes, lines / ((System.nanoTime() - start) / 1e9)};
    }

    private void row(String what, String result, String target) {
        report.append("| ").append(what).append(" | ").append(result).append(" | ").append(target).append(" |\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String us(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }


}
