package org.yimeng.donation.site;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.DigestService;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The auditors' offline check (docs/tools/check_gift.py, Python's hashlib: no code shared with the service) accepts the
 * service's proofs and period roots, and refuses them with one byte changed.
 */
@QuarkusTest
class OfflineGiftCheckTest {
    private static final Path TOOL = Path.of("../docs/tools/check_gift.py");

    @Inject
    ObjectMapper mapper;

    @Inject
    DigestService digests;

    @Test
    void theOfflineToolAcceptsAReceiptsProofAndThePeriodsRootFromTheExportAndRefusesAChangedOne() throws Exception {
        assumeTrue(python(), "python3 is not installed on this machine");
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        digests.digestNow();
        String receiptNo = Fixtures.donateTo(community, 4200).path("receiptNo");
        for (int i = 0; i < 9; i++) {
            Fixtures.donateTo(community, 1 + i);
        }
        digests.digestNow().orElseThrow();
        String json = given().get("/public/v1/receipts/" + receiptNo).asString();
        Path dir = Files.createDirectories(Path.of("target/offline-check"));
        Path receipt = Files.writeString(dir.resolve("receipt.json"), json);
        assertEquals(0, run(receipt.toString()).exit(), "the service's proof checks offline");
        Path changed = Files.writeString(dir.resolve("receipt-changed.json"), json.replace("\"amountFen\":4200", "\"amountFen\":4201"));
        assertEquals(1, run(changed.toString()).exit());

        JsonPath r = JsonPath.from(json);
        long from = r.getLong("proof.digest.fromSequence");
        long head = r.getLong("proof.digest.headSequence");
        String root = r.getString("proof.digest.merkleRoot");
        String ndjson = Fixtures.as("AUDITOR").accept("application/x-ndjson").queryParam("fromSequence", from)
                .queryParam("toSequence", head).get("/api/v1/ledger/export").then().statusCode(200).extract().asString();
        Path export = Files.writeString(dir.resolve("export.ndjson"), ndjson);
        Result ok = run("--export", export.toString(), "--from", String.valueOf(from), "--head", String.valueOf(head),
                "--root", root);
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains(root));
        String other = root.substring(0, 63) + (root.endsWith("0") ? "1" : "0");
        assertEquals(1, run("--export", export.toString(), "--from", String.valueOf(from), "--head", String.valueOf(head),
                "--root", other).exit());
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3", TOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
