package org.yimeng.volunteer.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.identity.IdNumber;

/** Large household sheets for the job tests and the benchmark, and a watcher of a job's progress. */
final class LargeImports {
    private LargeImports() {
    }

    /**
     * {@code rows} households (every 10th with an ID number, unique by a per-file prefix), every 1,000th row with a
     * wrong phone, as a UTF-8 CSV.
     */
    static byte[] households(int rows, String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 80);
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord(Template.HOUSEHOLDS.headers());
            // ID numbers: a region of this file (so that two files never share one), birth dates spread over
            // 1940-1999, sequence from the row
            String region = "37" + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
            for (int i = 0; i < rows; i++) {
                String id = "";
                if (i % 10 == 0) {
                    String body = region + (1940 + i % 60) + String.format("%02d%02d", 1 + i % 12, 1 + i % 28)
                            + String.format("%03d", (i / 10) % 1000);
                    id = body + IdNumber.checkChar(body);
                }
                String phone = i % 1000 == 999 ? "12345" : "138" + String.format("%08d", i);
                p.printRecord("", "", "户主" + i, id, phone, tag + "沂蒙路" + i + "号", 1 + i % 5, i % 2 == 0 ? "独居老人" : "低保、残疾");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Watches the community's import job in the database: whether it was seen RUNNING part-way. */
    static final class Watcher implements AutoCloseable {
        final AtomicBoolean seenPartWay = new AtomicBoolean();
        final AtomicInteger observations = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Watcher(String community, int total) {
            thread = new Thread(() -> {
                try (var c = TestStack.superuser(); Statement st = c.createStatement()) {
                    while (!stop.get()) {
                        try (ResultSet rs = st.executeQuery("SELECT state, rows_done FROM import_job WHERE community_id = '"
                                + community + "'")) {
                            while (rs.next()) {
                                observations.incrementAndGet();
                                int done = rs.getInt(2);
                                if ("RUNNING".equals(rs.getString(1)) && done > 0 && done < total) {
                                    seenPartWay.set(true);
                                }
                            }
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
