package org.yimeng.donation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.ledger.Account;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.EntryType;
import org.yimeng.kit.page.Cursor;
import org.yimeng.local.StackTestResource;
import org.yimeng.local.TestStack;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The ledger at the size of issue 8: a year of the city's giving, 10,000,000 entries (-Dbench.volume.entries=…), then
 * the auditors' reads over HTTP. Its own database ({@code ledger_volume}, on the test stack's PostgreSQL): the chain
 * starts at sequence 1 and its recordedAt instants lie in last year, which a chain already holding today's entries
 * could not allow. Writes {@code target/bench/ledger-volume.md}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(LedgerVolumeBench.VolumeDatabase.class)
class LedgerVolumeBench {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int ENTRIES = Integer.getInteger("bench.volume.entries", 10_000_000);
    private static final int COMMUNITIES = Integer.getInteger("bench.volume.communities", 3_000);
    /** Warm-ups and timed runs of the small requests; whole-chain requests get one partial warm-up and CHAIN_RUNS. */
    private static final int WARM_UP = 3;
    private static final int RUNS = Integer.getInteger("bench.volume.runs", 10);
    private static final int CHAIN_RUNS = Integer.getInteger("bench.volume.chain-runs", 2);
    private static final String[] COUNTIES = {"371302", "371311", "371312", "371321", "371322", "371323", "371324",
        "371325", "371326", "371327", "371328", "371329", "GXQ", "YHXQ"};

    /** A database of its own, on the same embedded PostgreSQL and Kafka as the module's other tests. */
    public static class VolumeDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StackTestResource.class, Map.of("database", "ledger_volume")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // one test method that runs for many minutes is not a hang
            return Map.of("quarkus.test.hang-detection-timeout", "PT3H");
        }
    }

    @TestHTTPResource("/")
    java.net.URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder md = new StringBuilder();
    private String auditor;

    @Test
    void auditorsReadsOverALedgerOfTenMillionEntries() throws Exception {
        auditor = TestStack.token("AUDITOR");
        String loadBefore = loadAverage();
        CityYear year = new CityYear(Year.now(SHANGHAI).getValue() - 1, COMMUNITIES);
        long head = Db.number("SELECT sequence FROM chain_head");
        ChainLoader.Timings t;
        if (head == 0) {
            t = year.load(ENTRIES);
        } else {
            throw new IllegalStateException("the volume bench needs an empty ledger_volume database; head is " + head);
        }
        String loadAfter = loadAverage();
        assertEquals(ENTRIES, Db.number("SELECT sequence FROM chain_head"));

        UUID big = year.ids[0];
        UUID typical = year.ids[year.typicalIndex()];
        int y = year.year;
        String month = "from=" + y + "-06-01&to=" + y + "-07-01";
        String whole = "from=" + y + "-01-01&to=" + (y + 1) + "-01-01";
        String midYear = y + "-07-01T00:00:00Z";

        md.append("## donation-service: the ledger at ").append(fmt(ENTRIES)).append(" entries\n\n");
        md.append(year.describe(t, loadBefore, loadAfter));
        md.append("Sequential HTTP requests as AUDITOR (java.net.http client in the test JVM, the service in the same JVM), ")
                .append(WARM_UP).append(" warm-up then ").append(RUNS).append(" timed per request; the whole-chain ")
                .append("requests one warm-up over the first 1,000,000 entries then ").append(CHAIN_RUNS)
                .append(" timed. Client-side wall time to the last byte. Load average at the start: ")
                .append(loadAverage()).append(".\n\n");
        md.append("| request | entries in scope | response bytes | p50 ms | p95 ms | max ms | rate |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");

        long warmTo = Math.min(ENTRIES, 1_000_000);
        Result verify = chain("GET /api/v1/ledger/verify (whole chain)", "/api/v1/ledger/verify",
                "/api/v1/ledger/verify?fromSequence=1&toSequence=" + warmTo, "application/json");
        assertTrue(verify.body.contains("\"valid\":true"), verify.body);
        row(verify, ENTRIES, true);

        String st = "/api/v1/ledger/communities/";
        long bigMonth = year.count(big, y + "-06-01", y + "-07-01");
        long bigYear = year.count(big, y + "-01-01", (y + 1) + "-01-01");
        row(small("statement, largest fund, one month (JSON)", st + big + "/statement?" + month, "application/json"), bigMonth, false);
        row(small("statement, largest fund, the year (JSON)", st + big + "/statement?" + whole, "application/json"), bigYear, false);
        row(small("statement, largest fund, one month (CSV)", st + big + "/statement?" + month, "text/csv"), bigMonth, false);
        row(small("statement, largest fund, the year (CSV)", st + big + "/statement?" + whole, "text/csv"), bigYear, false);
        long typYear = year.count(typical, y + "-01-01", (y + 1) + "-01-01");
        row(small("statement, median fund, the year (JSON)", st + typical + "/statement?" + whole, "application/json"), typYear, false);
        row(small("statement, median fund, the year (CSV)", st + typical + "/statement?" + whole, "text/csv"), typYear, false);

        row(small("balance as of " + midYear + ", largest fund", st + big + "/balance?asOf=" + midYear, "application/json"),
                year.countBefore(big, midYear), false);
        row(small("balance now, largest fund", st + big + "/balance", "application/json"), year.countBefore(big, null), false);
        row(small("balance as of " + midYear + ", median fund", st + typical + "/balance?asOf=" + midYear, "application/json"),
                year.countBefore(typical, midYear), false);

        String entries = "/api/v1/ledger/entries";
        long deep = ENTRIES * 9L / 10;
        String deepCursor = Cursor.encode(Long.toString(deep));
        String junFrom = y + "-06-01T00:00:00Z";
        String junTo = y + "-07-01T00:00:00Z";
        row(small("entries, first page (50)", entries, "application/json"), 50, false);
        row(small("entries, first page, limit 500", entries + "?limit=500", "application/json"), 500, false);
        row(small("entries, page after sequence " + fmt(deep) + " (keyset)", entries + "?cursor=" + deepCursor,
                "application/json"), 50, false);
        row(small("entries, largest fund, first page", entries + "?communityId=" + big, "application/json"), 50, false);
        row(small("entries, largest fund, DONATION, June, page after " + fmt(deep / 2),
                entries + "?communityId=" + big + "&type=DONATION&from=" + junFrom + "&to=" + junTo + "&cursor="
                        + Cursor.encode(Long.toString(deep / 2)), "application/json"), 50, false);
        row(small("entries, largest fund, DISBURSEMENT, the year, page after " + fmt(deep),
                entries + "?communityId=" + big + "&type=DISBURSEMENT&from=" + y + "-01-01T00:00:00Z&to=" + (y + 1)
                        + "-01-01T00:00:00Z&cursor=" + deepCursor, "application/json"), 50, false);
        row(small("entries, June, first page", entries + "?from=" + junFrom + "&to=" + junTo, "application/json"), 50,
                false);
        row(small("entries, REVERSAL, June, first page", entries + "?type=REVERSAL&from=" + junFrom + "&to=" + junTo,
                "application/json"), 50, false);
        row(small("entries, June, page after " + fmt(deep) + " (past June: an empty last page)",
                entries + "?from=" + junFrom + "&to=" + junTo + "&cursor=" + deepCursor, "application/json"), 0, false);

        row(small("GET /public/v1/communities/{largest}/fund (no token)", "/public/v1/communities/" + big + "/fund",
                "application/json", false), year.countBefore(big, null), false);
        row(small("GET /public/v1/communities/{median}/fund (no token)", "/public/v1/communities/" + typical + "/fund",
                "application/json", false), year.countBefore(typical, null), false);

        publicDoor(big, year.codes[0][0], year.countBefore(big, null));

        crossCheck(big, y);

        Result ndjson = chain("GET /api/v1/ledger/export (NDJSON, whole chain)", "/api/v1/ledger/export",
                "/api/v1/ledger/export?fromSequence=1&toSequence=" + warmTo, "application/x-ndjson");
        assertEquals(ENTRIES, ndjson.lines);
        row(ndjson, ENTRIES, true);
        Result csv = chain("GET /api/v1/ledger/export (CSV, whole chain)", "/api/v1/ledger/export",
                "/api/v1/ledger/export?fromSequence=1&toSequence=" + warmTo, "text/csv");
        assertEquals(ENTRIES + 1, csv.lines);
        row(csv, ENTRIES, true);
        md.append("\nLoad average at the end: ").append(loadAverage()).append(".\n\n");
        md.append(publicNotes);

        long[] live = liveHeapDuringExport();
        md.append("Memory (the service runs in the test JVM, -Xmx1g): heap in use peaked at ")
                .append(fmt(Math.max(ndjson.peakHeap, csv.peakHeap) / 1e6)).append(" MB during the timed exports (no GC ")
                .append("forced); in one more NDJSON export with a full GC forced every second, the live heap stayed within ")
                .append(fmt(live[1] / 1e6)).append(" MB of the ").append(fmt(live[0] / 1e6))
                .append(" MB live before it (largest live heap after a GC minus the live heap before), over the whole ")
                .append("chain: the export's memory does not grow with the range.\n\n");
        md.append("The statement endpoint is per community (api.md: `/ledger/communities/{id}/statement`); there is no ")
                .append("statement or balance of the city-wide `city:donations-in` account in the API, so none is measured.\n");

        Path out = Path.of("target/bench/ledger-volume.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        // keeps the loaded database up for EXPLAINs by hand (psql on the port in the log) while tuning
        Thread.sleep(1000L * Integer.getInteger("bench.volume.hold-seconds", 0));
    }

    /**
     * At this size too, the fund report and the year's statement of the largest fund equal their plain definitions
     * (in = donations, out = disbursements, corrections = signed reversals), computed in SQL from the entries.
     */
    private void crossCheck(UUID community, int y) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var fund = json.readTree(get("/public/v1/communities/" + community + "/fund"));
        String account = "'community:" + community + ":fund'";
        String signed = "coalesce(sum(CASE WHEN credit_account = " + account + " THEN amount_fen ELSE -amount_fen END), 0) ";
        String all = "FROM ledger_entry WHERE community_id = '" + community + "' AND ";
        assertEquals(Db.number("SELECT coalesce(sum(amount_fen), 0) " + all + "type = 'DONATION'"),
                fund.get("donatedFen").asLong());
        assertEquals(Db.number("SELECT count(*) " + all + "type = 'DONATION'"), fund.get("donationCount").asLong());
        assertEquals(Db.number("SELECT coalesce(sum(amount_fen), 0) " + all + "type = 'DISBURSEMENT'"),
                fund.get("spentFen").asLong());
        assertEquals(Db.number("SELECT " + signed + all + "type = 'REVERSAL'"), fund.get("correctionsFen").asLong());
        var st = json.readTree(get("/api/v1/ledger/communities/" + community + "/statement?from=" + y + "-01-01&to="
                + (y + 1) + "-01-01"));
        String year = all + "occurred_at >= '" + y + "-01-01T00:00:00+08:00' AND occurred_at < '" + (y + 1)
                + "-01-01T00:00:00+08:00' AND ";
        assertEquals(Db.number("SELECT coalesce(sum(amount_fen), 0) " + year + "type = 'DONATION'"), st.get("inFen").asLong());
        assertEquals(Db.number("SELECT coalesce(sum(amount_fen), 0) " + year + "type = 'DISBURSEMENT'"),
                st.get("outFen").asLong());
        assertEquals(Db.number("SELECT " + signed + year + "type = 'REVERSAL'"), st.get("correctionsFen").asLong());
    }

    private String get(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + auditor).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), resp.body());
        return resp.body();
    }

    // ---- measuring -------------------------------------------------------------------------------------------------

    private static final class Result {
        String label;
        long[] nanos;
        long bytes;
        long lines;
        long peakHeap;
        String body = "";
    }

    private Result small(String label, String path, String accept) throws Exception {
        return small(label, path, accept, true);
    }

    private Result small(String label, String path, String accept, boolean auth) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(path, accept, auth, null);
        }
        return timed(label, path, accept, auth, RUNS);
    }

    /** A request over the whole chain: one warm-up over a prefix, then CHAIN_RUNS timed runs. */
    private Result chain(String label, String path, String warmPath, String accept) throws Exception {
        get(warmPath, accept, true, null);
        return timed(label, path, accept, true, CHAIN_RUNS);
    }

    private Result timed(String label, String path, String accept, boolean auth, int runs) throws Exception {
        Result r = new Result();
        r.label = label;
        r.nanos = new long[runs];
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (sampling.get()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long[] counted = get(path, accept, auth, i == 0 ? r : null);
                r.nanos[i] = System.nanoTime() - start;
                r.bytes = counted[0];
                r.lines = counted[1];
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        r.peakHeap = peak.get();
        Arrays.sort(r.nanos);
        return r;
    }

    /** [bytes, newlines]; keeps the body (up to 4 KB) in {@code keep}. Fails on anything but 200. */
    private long[] get(String path, String accept, boolean auth, Result keep) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).header("Accept", accept)
                .timeout(Duration.ofMinutes(10));
        if (auth) {
            b.header("Authorization", "Bearer " + auditor);
        }
        HttpResponse<InputStream> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        StringBuilder head = new StringBuilder();
        try (InputStream in = resp.body()) {
            for (int n; (n = in.read(buf)) > 0;) {
                if (keep != null && head.length() < 4096) {
                    head.append(new String(buf, 0, Math.min(n, 4096), StandardCharsets.UTF_8));
                }
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (resp.statusCode() != 200) {
            throw new AssertionError(path + " answered " + resp.statusCode() + ": " + head);
        }
        if (keep != null) {
            keep.body = head.toString();
        }
        return new long[] {bytes, lines};
    }

    /** [live heap before, largest live-heap growth] over one whole NDJSON export with a full GC forced every second. */
    private long[] liveHeapDuringExport() throws Exception {
        var mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = mem.getHeapMemoryUsage().getUsed();
        AtomicLong growth = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread gc = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                growth.accumulateAndGet(mem.getHeapMemoryUsage().getUsed() - before, Math::max);
            }
        }, "forced-gc");
        gc.setDaemon(true);
        gc.start();
        try {
            get("/api/v1/ledger/export", "application/x-ndjson", true, null);
        } finally {
            running.set(false);
            gc.join();
        }
        return new long[] {before, growth.get()};
    }

    private void row(Result r, long entriesInScope, boolean rate) {
        double p50 = p(r.nanos, 50) / 1e6;
        String rateCell = rate ? fmt(entriesInScope / (p50 / 1e3)) + " entries/s" : "";
        md.append("| ").append(r.label).append(" | ").append(fmt(entriesInScope)).append(" | ").append(fmt(r.bytes))
                .append(" | ").append(ms(p50)).append(" | ").append(ms(p(r.nanos, 95) / 1e6)).append(" | ")
                .append(ms(r.nanos[r.nanos.length - 1] / 1e6)).append(" | ").append(rateCell).append(" |\n");
        System.out.println("VOLUME " + r.label + ": p50 " + ms(p50) + " ms, " + r.bytes + " bytes");
    }

    private static long p(long[] sorted, double percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 100 ? "%.1f" : "%,.0f", v);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Superuser look-ups in this bench's database. */
    /**
     * The public door on the largest fund (issue 17): its piggy-bank page (the first view counts the fund's history,
     * later ones read only what is new), and gift proofs of its receipts, first in a digest period that has no stored
     * tree yet (the loader writes digests as pre-V7 replicas did, so the first proof builds the period's tree) and again.
     */
    private void publicDoor(UUID big, String code, long fundEntries) throws Exception {
        String page = "/p/" + code;
        long start = System.nanoTime();
        long[] first = get(page, "text/html", false, null);
        double coldMs = (System.nanoTime() - start) / 1e6;
        for (int i = 0; i < 50; i++) {
            get(page, "text/html", false, null);
        }
        int pageRuns = Integer.getInteger("bench.volume.page-runs", 1000);
        Result pageViews = timed("GET /p/{code}, largest fund (HTML, no token), " + fmt(pageRuns) + " views", page,
                "text/html", false, pageRuns);
        row(pageViews, fundEntries, false);
        List<String> receipts = new ArrayList<>();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT d.receipt_no FROM ledger_entry e JOIN donation d ON d.entry_id = "
                        + "e.entry_id WHERE e.community_id = '" + big + "' AND e.type = 'DONATION' AND e.sequence % 41 = 0 "
                        + "ORDER BY e.sequence LIMIT 200")) {
            while (rs.next()) {
                receipts.add(rs.getString(1));
            }
        }
        Result cold = proofs("GET /public/v1/receipts/{no}, first proof of its digest period (builds the tree)", receipts);
        row(cold, 10_000, false);
        Result warm = proofs("GET /public/v1/receipts/{no}, the same receipts again", receipts);
        row(warm, 10_000, false);
        publicNotes.append("The page's first view (counting the largest fund's ").append(fmt(fundEntries))
                .append(" entries) took ").append(ms(coldMs)).append(" ms for ").append(fmt(first[0]))
                .append(" bytes; over the ").append(fmt(pageRuns)).append(" timed views p99 ")
                .append(ms(p(pageViews.nanos, 99) / 1e6)).append(" ms. Gift proofs over ").append(receipts.size())
                .append(" receipts of that fund: first in their period p99 ").append(ms(p(cold.nanos, 99) / 1e6))
                .append(" ms, again p99 ").append(ms(p(warm.nanos, 99) / 1e6)).append(" ms; the largest answer ")
                .append(fmt(maxProofBytes)).append(" bytes.\n\n");
    }

    private final StringBuilder publicNotes = new StringBuilder();
    private long maxProofBytes;

    private Result proofs(String label, List<String> receipts) throws Exception {
        Result r = new Result();
        r.label = label;
        r.nanos = new long[receipts.size()];
        for (int i = 0; i < receipts.size(); i++) {
            long start = System.nanoTime();
            Result body = new Result();
            long[] counted = get("/public/v1/receipts/" + receipts.get(i), "application/json", false, body);
            r.nanos[i] = System.nanoTime() - start;
            if (!body.body.contains("\"proofStatus\":\"INCLUDED\"")) {
                throw new IllegalStateException("no proof for " + receipts.get(i) + ": " + body.body);
            }
            r.bytes = Math.max(r.bytes, counted[0]);
            maxProofBytes = Math.max(maxProofBytes, counted[0]);
        }
        Arrays.sort(r.nanos);
        return r;
    }

    private static final class Db {
        static long number(String sql) throws SQLException {
            try (Connection c = TestStack.superuser(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- the data --------------------------------------------------------------------------------------------------

    /**
     * A year of the city's giving, generated from a fixed seed. Communities get entries by a Zipf-like weight
     * (1/(rank + 20)), so there is one large fund and a long tail. Each entry is, in chain order:
     * <ul>
     * <li>a DISBURSEMENT with probability 1.5 % when the fund holds at least 200 yuan (20–60 % of it, to a new
     * activity; a funding decision and a disbursement row as the writer's funding saga writes them); when it holds
     * less, one attempt in four is a rejected funding decision (INSUFFICIENT_FUNDS), and the entry a donation;</li>
     * <li>a REVERSAL with probability 0.3 % of one of the fund's 16 latest unreversed donations or disbursements (a
     * donation only while the fund still holds it), with its reversal row;</li>
     * <li>otherwise a DONATION: 1 yuan most often (70 %), up to 2,000 yuan; channels WeChat 45 %, Alipay 25 %, cash from a
     * piggy-bank 20 % (counted up to 3 days after it was given: occurredAt earlier than recordedAt), UnionPay and bank
     * 5 % each; with its donation row (random idempotency key, the request hash of DonationService, an
     * {@code AP-<year>-<n>} receipt number) and, for a quarter of the 60 % that are not anonymous, a donor row.</li>
     * </ul>
     * recordedAt spreads the entries over the year, more by day than by night (Asia/Shanghai); disbursements and
     * reversals occur when they are recorded. A digest row every 10,000 entries, as DigestService writes them.
     */
    private static final class CityYear {
        static final double DISBURSE = 0.015;
        static final double REVERSE = 0.003;
        static final String[] PURPOSES = {"重阳节慰问老人", "社区助餐", "儿童暑期托管", "困难家庭帮扶", "环境整治物资", "义诊活动"};
        static final String[] REASONS = {"重复记录", "捐赠人申请退回", "活动取消"};
        static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
        static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "秀英", "桂兰"};
        static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

        final int year;
        final long start;
        final long end;
        final UUID[] ids;
        final String[] idText;
        final String[] fund;
        final String[][] codes;
        final UUID[][] banks;
        final double[] cumulative;
        final long[] entryCount;
        final double[] dayShape = new double[1441];
        // the latest reversible entries of each fund
        final UUID[][] recentId;
        final long[][] recentAmount;
        final String[][] recentSpending;
        final int[] recentCount;
        final int[] recentNext;
        long donations;
        long donors;
        long disbursements;
        long rejections;
        long reversals;
        long cashDonations;
        long digests;
        long receipt;
        long lastRecorded;
        MessageDigest sha;

        CityYear(int year, int communities) {
            this.year = year;
            start = ChainHash.toMicros(LocalDate.of(year, 1, 1).atStartOfDay(SHANGHAI).toInstant());
            end = ChainHash.toMicros(LocalDate.of(year + 1, 1, 1).atStartOfDay(SHANGHAI).toInstant());
            ids = new UUID[communities];
            idText = new String[communities];
            fund = new String[communities];
            codes = new String[communities][2];
            banks = new UUID[communities][2];
            cumulative = new double[communities];
            entryCount = new long[communities];
            recentId = new UUID[communities][16];
            recentAmount = new long[communities][16];
            recentSpending = new String[communities][16];
            recentCount = new int[communities];
            recentNext = new int[communities];
            double sum = 0;
            for (int i = 0; i < communities; i++) {
                sum += 1.0 / (i + 20);
                cumulative[i] = sum;
            }
            for (int i = 0; i < communities; i++) {
                cumulative[i] /= sum;
            }
            // giving by minute of the day (Asia/Shanghai): little at night, most in the evening
            for (int m = 0; m < 1440; m++) {
                int h = m / 60;
                double w = h < 6 ? 0.15 : h < 8 ? 0.6 : h < 12 ? 1.3 : h < 14 ? 1.1 : h < 18 ? 1.2 : h < 22 ? 1.8 : 0.5;
                dayShape[m + 1] = dayShape[m] + w;
            }
            for (int m = 0; m <= 1440; m++) {
                dayShape[m] /= dayShape[1440];
            }
        }

        int typicalIndex() {
            return ids.length / 2;
        }

        /** recordedAt of the i-th of n entries: the year's days in order, each by the day's shape. */
        long recordedAt(long i, long n) {
            long days = (end - start) / 86_400_000_000L;
            double u = (i + 0.5) / n * days;
            long day = Math.min((long) u, days - 1);
            double f = u - day;
            int lo = 0;
            int hi = 1440;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (dayShape[mid] <= f) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double within = (f - dayShape[lo]) / (dayShape[lo + 1] - dayShape[lo]);
            long t = start + day * 86_400_000_000L + (long) ((lo + within) * 60_000_000L);
            lastRecorded = Math.max(lastRecorded, Math.min(t, end - 1));
            return lastRecorded;
        }

        ChainLoader.Timings load(long n) throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
            try (ChainLoader load = ChainLoader.open(20_250_101L)) {
                SplittableRandom rnd = load.random();
                CopyStream community = load.side("community", "id", "county_code", "name", "kind", "pilot");
                CopyStream piggy = load.side("piggy_bank", "id", "code", "community_id", "label", "place", "status");
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = load.newId(start - 86_400_000_000L * 400 + i * 1000L);
                    idText[i] = ids[i].toString();
                    fund[i] = Account.fund(ids[i]).format();
                    community.row(5).uuid(ids[i]).text(COUNTIES[i % COUNTIES.length]).text("社区 " + (i + 1))
                            .text(i % 3 == 2 ? "VILLAGE" : "COMMUNITY").bool(i % 10 == 0);
                    for (int k = 0; k < 2; k++) {
                        banks[i][k] = load.newId(start - 86_400_000_000L * 300 + i * 1000L + k);
                        char[] c = new char[8];
                        for (int j = 0; j < 8; j++) {
                            c[j] = CROCKFORD[rnd.nextInt(32)];
                        }
                        codes[i][k] = "PB-" + new String(c);
                        piggy.row(6).uuid(banks[i][k]).text(codes[i][k]).uuid(ids[i]).text("爱扑满 " + (k + 1))
                                .text(k == 0 ? "社区服务中心" : "便民超市").text("ACTIVE");
                    }
                }
                CopyStream donation = load.side("donation", "entry_id", "idempotency_key", "request_hash", "receipt_no",
                        "piggy_bank_id", "channel", "anonymous");
                CopyStream donor = load.side("donor", "entry_id", "name", "phone");
                CopyStream disbursement = load.side("disbursement", "entry_id", "request_id", "activity_id", "purpose");
                CopyStream decision = load.side("funding_decision", "request_id", "activity_id", "community_id",
                        "amount_fen", "approved", "entry_id", "reason", "balance_after_fen", "decided_at");
                CopyStream reversal = load.side("reversal", "entry_id", "reason", "requested_by");
                CopyStream digest = load.side("ledger_digest", "head_sequence", "head_hash", "at");
                try (Connection c = TestStack.superuser(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM receipt_no_seq")) {
                    rs.next();
                    receipt = rs.getLong(1);
                }
                for (long i = 0; i < n; i++) {
                    long recorded = recordedAt(i, n);
                    int c = pick(rnd.nextDouble());
                    double r = rnd.nextDouble();
                    boolean done = false;
                    if (r < DISBURSE) {
                        done = disburse(load, rnd, c, recorded, disbursement, decision);
                    } else if (r < DISBURSE + REVERSE) {
                        done = reverse(load, rnd, c, recorded, reversal);
                    }
                    if (!done) {
                        donate(load, rnd, c, recorded, donation, donor);
                    }
                    entryCount[c]++;
                    if (load.head() % 10_000 == 0) {
                        digest.row(3).int8(load.head()).text(load.headHash()).timestamptz(recorded);
                        digests++;
                    }
                }
                ChainLoader.Timings t = load.finish();
                try (Connection c = TestStack.superuser(); PreparedStatement ps = c.prepareStatement("SELECT setval('receipt_no_seq', ?)")) {
                    ps.setLong(1, receipt);
                    ps.execute();
                }
                return t;
            }
        }

        private int pick(double u) {
            int i = Arrays.binarySearch(cumulative, u);
            return Math.min(i >= 0 ? i : -i - 1, ids.length - 1);
        }

        private void donate(ChainLoader load, SplittableRandom rnd, int c, long recorded, CopyStream donation,
                CopyStream donor) throws Exception {
            double a = rnd.nextDouble();
            long amount = a < 0.70 ? 100 : a < 0.80 ? 200 : a < 0.88 ? 500 : a < 0.94 ? 1000 : a < 0.97 ? 2000
                    : a < 0.99 ? 5000 : 10_000 + 100L * rnd.nextInt(1_990);
            double ch = rnd.nextDouble();
            String channel = ch < 0.45 ? "WECHAT" : ch < 0.70 ? "ALIPAY" : ch < 0.90 ? "CASH" : ch < 0.95 ? "UNIONPAY" : "BANK";
            boolean cash = "CASH".equals(channel);
            int bank = rnd.nextInt(2);
            long occurred = recorded - (cash ? rnd.nextLong(3 * 86_400_000_000L) : rnd.nextLong(2_000_000L));
            occurred = Math.max(occurred, start);
            UUID id = load.newId(recorded);
            load.append(id, EntryType.DONATION, ids[c], idText[c], Account.DONATIONS_IN.format(), fund[c], amount, occurred, recorded,
                    null);
            donations++;
            if (cash) {
                cashDonations++;
            }
            String code = cash ? codes[c][bank] : null;
            // DonationService.requestHash: target (code, or community when there is none), amount, channel
            String requestHash = sha256Hex((code == null ? "" : code) + "\n" + (code == null ? idText[c] : "") + "\n"
                    + amount + "\n" + channel);
            boolean anonymous = rnd.nextDouble() < 0.4;
            receipt++;
            donation.row(7).uuid(id).text(new UUID(rnd.nextLong() & ~0xF000L | 0x4000L,
                    rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString()).text(requestHash)
                    .text("AP-" + year + "-" + padded(receipt, 6)).uuid(cash ? banks[c][bank] : null).text(channel)
                    .bool(anonymous);
            if (!anonymous && rnd.nextInt(4) == 0) {
                donor.row(3).uuid(id).text(SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)])
                        .text("13" + padded(rnd.nextInt(1_000_000_000), 9));
                donors++;
            }
            remember(c, id, amount, null, rnd);
        }

        private boolean disburse(ChainLoader load, SplittableRandom rnd, int c, long recorded, CopyStream disbursement,
                CopyStream decision) throws Exception {
            long balance = load.balance(fund[c]);
            UUID request = load.newId(recorded);
            UUID activity = load.newId(recorded - 86_400_000_000L);
            if (balance < 20_000) {
                if (rnd.nextInt(4) == 0) {
                    long amount = 20_000 + 100L * rnd.nextInt(500);
                    decision.row(9).uuid(request).uuid(activity).uuid(ids[c]).int8(amount).bool(false).nul()
                            .text("INSUFFICIENT_FUNDS").int8(balance).timestamptz(recorded);
                    rejections++;
                }
                return false;
            }
            long amount = Math.max(1_000, (long) (balance * (0.2 + 0.4 * rnd.nextDouble())) / 100 * 100);
            UUID id = load.newId(recorded);
            String spending = Account.spending(activity).format();
            load.append(id, EntryType.DISBURSEMENT, ids[c], idText[c], fund[c], spending, amount, recorded, recorded, null);
            disbursement.row(4).uuid(id).uuid(request).uuid(activity).text(PURPOSES[rnd.nextInt(PURPOSES.length)]);
            decision.row(9).uuid(request).uuid(activity).uuid(ids[c]).int8(amount).bool(true).uuid(id).nul()
                    .int8(load.balance(fund[c])).timestamptz(recorded);
            disbursements++;
            remember(c, id, amount, spending, rnd);
            return true;
        }

        private boolean reverse(ChainLoader load, SplittableRandom rnd, int c, long recorded, CopyStream reversal)
                throws Exception {
            int count = recentCount[c];
            if (count == 0) {
                return false;
            }
            int k = rnd.nextInt(count);
            UUID original = recentId[c][k];
            long amount = recentAmount[c][k];
            String spending = recentSpending[c][k];
            // the original's credit account pays it back
            String from = spending == null ? fund[c] : spending;
            String to = spending == null ? Account.DONATIONS_IN.format() : fund[c];
            if (spending == null && load.balance(fund[c]) < amount) {
                return false;
            }
            // never twice: the slot is taken by the last one
            recentId[c][k] = recentId[c][count - 1];
            recentAmount[c][k] = recentAmount[c][count - 1];
            recentSpending[c][k] = recentSpending[c][count - 1];
            recentCount[c] = count - 1;
            UUID id = load.newId(recorded);
            load.append(id, EntryType.REVERSAL, ids[c], idText[c], from, to, amount, recorded, recorded, original);
            reversal.row(3).uuid(id).text(REASONS[rnd.nextInt(REASONS.length)]).text("finance-" + (1 + rnd.nextInt(5)));
            reversals++;
            return true;
        }

        private void remember(int c, UUID id, long amount, String spending, SplittableRandom rnd) {
            int k;
            if (recentCount[c] < 16) {
                k = recentCount[c]++;
            } else {
                k = recentNext[c];
                recentNext[c] = (k + 1) % 16;
            }
            recentId[c][k] = id;
            recentAmount[c][k] = amount;
            recentSpending[c][k] = spending;
        }

        /** What String.format("%0<width>d") gives, without its cost on ten million rows. */
        private static String padded(long v, int width) {
            String s = Long.toString(v);
            return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
        }

        private String sha256Hex(String s) {
            byte[] d = sha.digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(64);
            for (byte x : d) {
                b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        }

        /** Entries of a community that occurred in [from, to) (Asia/Shanghai dates), by SQL. */
        long count(UUID community, String from, String to) throws SQLException {
            try (Connection c = TestStack.superuser(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                    + "ledger_entry WHERE community_id = ? AND occurred_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' "
                    + "AND occurred_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'")) {
                ps.setObject(1, community);
                ps.setString(2, from);
                ps.setString(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        /** Entries of a community that occurred before an instant (all of them when null). */
        long countBefore(UUID community, String instant) throws SQLException {
            try (Connection c = TestStack.superuser(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                    + "ledger_entry WHERE community_id = ? AND occurred_at < coalesce(?::timestamptz, 'infinity')")) {
                ps.setObject(1, community);
                ps.setString(2, instant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        String describe(ChainLoader.Timings t, String loadBefore, String loadAfter) throws SQLException {
            long n = t.head();
            long[] sorted = entryCount.clone();
            Arrays.sort(sorted);
            StringBuilder b = new StringBuilder();
            b.append("Data: one year (").append(year).append(", Asia/Shanghai) of the city's giving, generated from a fixed ")
                    .append("seed: ").append(fmt(n)).append(" entries over ").append(fmt(ids.length))
                    .append(" communities in 14 counties (weight 1/(rank + 20): the largest fund has ")
                    .append(fmt(entryCount[0])).append(" entries, the median one ").append(fmt(sorted[sorted.length / 2]))
                    .append(", the smallest ").append(fmt(sorted[0])).append("); ").append(fmt(donations))
                    .append(" donations (").append(fmt(cashDonations)).append(" cash from ").append(fmt(2L * ids.length))
                    .append(" piggy-banks, back-dated up to 3 days), ").append(fmt(disbursements)).append(" disbursements (")
                    .append(fmt(rejections)).append(" more funding requests rejected), ").append(fmt(reversals))
                    .append(" reversals; a donation row for every donation, ").append(fmt(donors)).append(" donor rows, ")
                    .append(fmt(digests)).append(" digests. Database size after loading: ")
                    .append(fmt(Db.number("SELECT pg_database_size(current_database())") / 1e6)).append(" MB (ledger_entry ")
                    .append(fmt(Db.number("SELECT pg_total_relation_size('ledger_entry')") / 1e6))
                    .append(" MB with its indexes).\n\n");
            b.append("Loading (ChainLoader: entries chained and hashed in Java, binary COPY into ledger_entry and, on ")
                    .append("their own connections, into the side tables; secondary indexes, unique and foreign keys and ")
                    .append("the insert guard set aside and created again from their catalog definitions afterwards): ")
                    .append(String.format(Locale.ROOT, "generate, hash and COPY %.1f s, indexes and constraints %.1f s, "
                            + "VACUUM ANALYZE %.1f s, %.1f s in all", t.copySeconds(), t.indexSeconds(), t.vacuumSeconds(),
                            t.copySeconds() + t.indexSeconds() + t.vacuumSeconds()))
                    .append(" (load average ").append(loadBefore).append(" before, ").append(loadAfter).append(" after).\n\n");
            return b.toString();
        }
    }
}
