package org.yimeng.volunteer.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A large sheet runs as a background job whose progress can be followed, and commits batch by batch. */
@QuarkusTest
class LargeImportTest {
    static final int ROWS = 20_000;
    static final int COMMIT_ROWS = 2_000;

    @Test
    void twentyThousandRowDryRunReportsProgressAndNamesTheBadRows() throws Exception {
        String community = Fixtures.community("371312");
        String token = Fixtures.communityAdmin(community);
        byte[] file = LargeImports.households(ROWS, Fixtures.unique("t"));
        long start = System.nanoTime();
        Map<String, Object> job;
        try (LargeImports.Watcher watcher = new LargeImports.Watcher(community, ROWS)) {
            Response r = ImportApiTest.post(token, "households", "dry-run", community, "text/csv", file);
            r.then().statusCode(202);
            job = ImportApiTest.finished(token, r.path("id"));
            assertTrue(watcher.seenPartWay.get(), "progress was visible while the job ran");
        }
        System.out.printf("LargeImportTest: dry run of %d rows in %d ms%n", ROWS, (System.nanoTime() - start) / 1_000_000);
        assertEquals("VALIDATED", job.get("state"));
        assertEquals(ROWS, job.get("rowsTotal"));
        assertEquals(ROWS / 1000, job.get("rowsInvalid"));
        assertEquals(ROWS - ROWS / 1000, job.get("rowsValid"));
        assertEquals(0L, Fixtures.count("household WHERE community_id = '" + community + "'"));
    }

    /**
     * A commit goes through the API's service row by row (a few statements each), so it is slower than the dry run:
     * 2,000 rows (four batches) here, 100,000 in ImportBench.
     */
    @Test
    void twoThousandRowCommitReportsProgressAndAddsEveryValidRow() throws Exception {
        int rows = COMMIT_ROWS;
        String community = Fixtures.community("371312");
        String token = Fixtures.communityAdmin(community);
        byte[] file = LargeImports.households(rows, Fixtures.unique("t"));
        long start = System.nanoTime();
        Map<String, Object> job;
        try (LargeImports.Watcher watcher = new LargeImports.Watcher(community, rows)) {
            Response r = ImportApiTest.post(token, "households", "commit", community, "text/csv", file);
            r.then().statusCode(202);
            job = ImportApiTest.finished(token, r.path("id"));
            assertTrue(watcher.seenPartWay.get(), "progress was visible while the job ran");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("LargeImportTest: %d rows committed in %d ms%n", rows, millis);
        assertEquals("COMMITTED", job.get("state"));
        assertEquals(rows, job.get("rowsTotal"));
        assertEquals(rows / 1000, job.get("rowsInvalid"));
        assertEquals(rows - rows / 1000, job.get("rowsCommitted"));
        assertEquals((long) rows - rows / 1000, Fixtures.count("household WHERE community_id = '" + community + "'"));
    }
}
