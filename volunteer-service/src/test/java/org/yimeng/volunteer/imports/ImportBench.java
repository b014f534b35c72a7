package org.yimeng.volunteer.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * 100,000-row household sheets: a dry run of a CSV and of an XLSX, then a commit. Writes rows per second and the
 * JVM's peak heap during each job to {@code target/bench/imports.md}. Run with
 * {@code mvn -B -ntp -Pbench -pl volunteer-service verify -Dtest=ImportBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@QuarkusTest
class ImportBench {
    static final int ROWS = 100_000;

    @Test
    void oneHundredThousandRows() throws Exception {
        StringBuilder md = new StringBuilder("## volunteer-service: spreadsheet imports\n\n");
        md.append("Households template, ").append(ROWS).append(" rows (every 10th with an ID number, every 1,000th with ")
                .append("a bad phone), one community, uploaded over HTTP as COMMUNITY_ADMIN; wall time from the upload ")
                .append("to the finished job. Peak heap: the largest heap in use (all pools, as the JVM reports it) ")
                .append("while the job ran, in a test JVM with -Xmx1g that also holds the test's copy of the file.\n\n")
                .append("Live-heap growth: the largest heap in use right after a full GC (forced once a second while the ")
                .append("job runs) minus the same before the job: what the job keeps alive. The time includes those GC pauses.")
                .append("\n\n")
                .append("| job | file | rows | seconds | rows/s | live-heap growth MB | peak heap MB (no GC forced) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        byte[] csv = LargeImports.households(ROWS, Fixtures.unique("b"));
        byte[] xlsx = toXlsx(csv);
        String community = Fixtures.community("371323");
        String token = Fixtures.communityAdmin(community);
        run(md, token, community, "dry-run", "CSV (" + csv.length / 1024 + " KB)", "text/csv", csv, "VALIDATED", ROWS);
        run(md, token, community, "dry-run", "XLSX (" + xlsx.length / 1024 + " KB)", Sheets.XLSX, xlsx, "VALIDATED", ROWS);
        // a commit adds row by row through HouseholdService (several statements per row): its size is a property
        // so that a quick run stays quick (-Dimport.bench.commit-rows=100000 for the full file)
        int commitRows = Integer.getInteger("import.bench.commit-rows", 10_000);
        String target = Fixtures.community("371323");
        byte[] commit = LargeImports.households(commitRows, Fixtures.unique("c"));
        run(md, Fixtures.communityAdmin(target), target, "commit", "CSV", "text/csv", commit, "COMMITTED", commitRows);
        assertEquals(commitRows - commitRows / 1000, Fixtures.count("household WHERE community_id = '" + target + "'"));
        md.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, shared with other ")
                .append("builds while measured; the embedded PostgreSQL runs on the same machine.\n");
        Path out = Path.of("target/bench/imports.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static void run(StringBuilder md, String token, String community, String mode, String label, String type,
            byte[] file, String expected, int rows) {
        long baseline = liveHeap();
        resetPeaks();
        LiveHeap sampler = new LiveHeap();
        long start = System.nanoTime();
        Response r = ImportApiTest.post(token, "households", mode, community, type, file);
        r.then().statusCode(202);
        Map<String, Object> job = waitFor(token, r.path("id"));
        double seconds = (System.nanoTime() - start) / 1e9;
        long live = sampler.stop() - baseline;
        long peak = peakHeap();
        assertEquals(expected, job.get("state"), String.valueOf(job));
        assertEquals(rows, job.get("rowsTotal"));
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.0f | %d | %d |%n", mode, label, rows, seconds,
                rows / seconds, live / (1024 * 1024), peak / (1024 * 1024)));
    }

    private static Map<String, Object> waitFor(String token, String id) {
        while (true) {
            Map<String, Object> job = Fixtures.as(token).get("/api/v1/imports/" + id).then().statusCode(200).extract()
                    .jsonPath().getMap("");
            if (List.of("VALIDATED", "COMMITTED", "FAILED").contains(job.get("state"))) {
                return job;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Once a second: a full GC, then the heap in use; the largest value seen. */
    private static final class LiveHeap {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread = new Thread(() -> {
            while (!done.get()) {
                max.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        LiveHeap() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            done.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return max.get();
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The same rows as an .xlsx, written with SXSSF so that the test itself stays small. */
    private static byte[] toXlsx(byte[] csv) throws Exception {
        List<List<String>> rows = Sheets.readCsv(csv);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("困难家庭");
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i);
                List<String> cells = rows.get(i);
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
