package org.yimeng.donation.site;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.DigestService;
import org.yimeng.donation.ledger.MerkleTree;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The public door over HTTP: finding a fund, the page's figures and privacy, a gift's proof from pending to checked. */
@QuarkusTest
class PublicPagesTest {
    @Inject
    ObjectMapper mapper;

    @Inject
    DigestService digests;

    @Inject
    org.yimeng.donation.ledger.DigestTrees trees;

    @Test
    void aResidentFindsTheirCommunityByCountyAndAPartOfItsNameWithTheBoxesPages() {
        UUID community = Fixtures.community(mapper, "371399");
        String name = Fixtures.text("SELECT name FROM community WHERE id = '" + community + "'");
        String code = Fixtures.piggyBank(community);
        JsonPath found = given().queryParam("countyCode", "371399").queryParam("q", name.substring(name.length() - 4))
                .get("/public/v1/communities").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(community.toString()), found.getList("items.id"));
        assertEquals(name, found.getString("items[0].name"));
        assertEquals("http://localhost:8081/p/" + code, found.getString("items[0].piggyBanks[0].pageUrl"));
        given().queryParam("countyCode", "371399").queryParam("q", "%").get("/public/v1/communities").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/public/v1/communities").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void aReceiptIsPendingUntilADigestCoversItThenItsProofLeadsToThePublishedRoot() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        digests.digestNow();
        Response gift = Fixtures.donate(UUID.randomUUID().toString(), "{\"communityId\":\"" + community
                + "\",\"amountFen\":1000,\"channel\":\"WECHAT\",\"donorName\":\"王秀英\",\"donorPhone\":\"13812345678\"}");
        gift.then().statusCode(201);
        String receiptNo = gift.path("receiptNo");
        long sequence = ((Number) gift.path("sequence")).longValue();
        given().get("/public/v1/receipts/" + receiptNo).then().statusCode(200)
                .body("proofStatus", equalTo("PENDING")).body("proof", nullValue())
                .body("amountFen", equalTo(1000)).body("sequence", equalTo((int) sequence));
        for (int i = 0; i < 5; i++) {
            Fixtures.donateTo(community, 100 + i);
        }
        digests.digestNow().orElseThrow();
        Response checked = given().get("/public/v1/receipts/" + receiptNo);
        checked.then().statusCode(200).body("proofStatus", equalTo("INCLUDED"))
                .header("Cache-Control", containsString("max-age=300"));
        String body = checked.asString();
        assertFalse(body.contains("王秀英") || body.contains("13812345678") || body.contains("5678"), body);
        JsonPath r = checked.jsonPath();
        String line = ChainHash.line(r.getLong("sequence"), UUID.fromString(r.getString("entryId")), r.getString("type"),
                UUID.fromString(r.getString("communityId")), r.getString("debitAccount"), r.getString("creditAccount"),
                r.getLong("amountFen"), java.time.Instant.parse(r.getString("occurredAt")),
                java.time.Instant.parse(r.getString("recordedAt")), null, r.getString("prevHash"));
        assertEquals(r.getString("hash"), ChainHash.sha256Hex(line), "the fields are the chain line");
        long from = r.getLong("proof.digest.fromSequence");
        long head = r.getLong("proof.digest.headSequence");
        assertTrue(from <= sequence && sequence <= head);
        assertEquals(sequence - from, r.getLong("proof.leafIndex"));
        assertEquals(head - from + 1, r.getLong("proof.treeSize"));
        List<byte[]> path = r.getList("proof.path", String.class).stream().map(MerkleTree::unhex).toList();
        byte[] root = MerkleTree.unhex(r.getString("proof.root"));
        assertTrue(MerkleTree.verify(r.getLong("proof.leafIndex"), r.getLong("proof.treeSize"),
                MerkleTree.leafHashOfHex(r.getString("hash")), path, root));
        assertEquals(r.getString("proof.root"),
                Fixtures.text("SELECT root FROM ledger_digest_tree WHERE head_sequence = " + head));
        assertEquals(r.getString("proof.digest.headHash"),
                Fixtures.text("SELECT hash FROM ledger_entry WHERE sequence = " + head));
        assertTrue(body.length() < 16 * 1024, body.length() + " bytes");
        // the root in the published digest event is the one the proof leads to
        assertEquals(1, Fixtures.recordsContaining(Topics.DIGESTS, "\"merkleRoot\":\"" + r.getString("proof.root"), 1,
                Duration.ofMillis(500)).size());
    }

    @Test
    void aDigestOlderThanTheTreesGetsItsTreeOnTheFirstProofAskedOfIt() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        digests.digestNow();
        Response gift = Fixtures.donateTo(community, 777);
        long sequence = ((Number) gift.path("sequence")).longValue();
        long previous = Fixtures.number("SELECT coalesce(max(head_sequence), 0) FROM ledger_digest");
        // a digest stored as before V7: no tree row (written by hand, as an old replica would have)
        Fixtures.number("INSERT INTO ledger_digest (head_sequence, head_hash, at) SELECT sequence, hash, now() "
                + "FROM chain_head RETURNING head_sequence");
        long head = Fixtures.number("SELECT max(head_sequence) FROM ledger_digest");
        assertEquals(0, Fixtures.count("ledger_digest_tree WHERE head_sequence = " + head));
        JsonPath r = given().get("/public/v1/receipts/" + gift.path("receiptNo")).then().statusCode(200)
                .body("proofStatus", equalTo("INCLUDED")).extract().jsonPath();
        assertEquals(previous + 1, r.getLong("proof.digest.fromSequence"));
        assertEquals(1, Fixtures.count("ledger_digest_tree WHERE head_sequence = " + head));
        assertTrue(MerkleTree.verify(sequence - (previous + 1), head - previous, MerkleTree.leafHashOfHex(r.getString("hash")),
                r.getList("proof.path", String.class).stream().map(MerkleTree::unhex).toList(),
                MerkleTree.unhex(r.getString("proof.root"))));
    }

    @Test
    void theBackfillBuildsTheTreesOfOlderDigestsWithTheRootTheEntriesGive() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        digests.digestNow();
        long from = Fixtures.number("SELECT sequence FROM chain_head") + 1;
        for (int i = 0; i < 3; i++) {
            Fixtures.donateTo(community, 10 + i);
        }
        Fixtures.number("INSERT INTO ledger_digest (head_sequence, head_hash, at) SELECT sequence, hash, now() "
                + "FROM chain_head RETURNING head_sequence");
        long head = Fixtures.number("SELECT max(head_sequence) FROM ledger_digest");
        assertTrue(trees.backfill() >= 1);
        assertEquals(0, trees.backfill(), "nothing left to build");
        List<byte[]> leaves = new java.util.ArrayList<>();
        for (long s = from; s <= head; s++) {
            leaves.add(MerkleTree.leafHashOfHex(Fixtures.text("SELECT hash FROM ledger_entry WHERE sequence = " + s)));
        }
        assertEquals(MerkleTree.hex(MerkleTree.root(leaves)),
                Fixtures.text("SELECT root FROM ledger_digest_tree WHERE head_sequence = " + head));
        assertEquals(from, Fixtures.number("SELECT from_sequence FROM ledger_digest_tree WHERE head_sequence = " + head));
    }

    @Test
    void anUnknownOrMalformedReceiptNumberIsAProblemInChinese() {
        for (String no : List.of("AP-2025-999999999", "not-a-receipt", "AP-2025-00000%27")) {
            given().get("/public/v1/receipts/" + no).then().statusCode(404).contentType(containsString("problem+json"))
                    .body("code", equalTo("RECEIPT_NOT_FOUND")).body("title", equalTo("未找到票据"));
        }
    }

    @Test
    void thePageShowsTheFundInYuanWhatItPaidForAndNoDonor() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        Fixtures.donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":12345,\"channel\":\"CASH\",\"donorName\":\"李建国\",\"donorPhone\":\"13900001111\"}")
                .then().statusCode(201);
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS,
                FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), community, 2345, "重阳节敬老 <b>茶话会</b>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count("disbursement d JOIN ledger_entry e ON "
                + "e.entry_id = d.entry_id WHERE e.community_id = '" + community + "'") == 1);
        Response page = given().accept("text/html").get("/p/" + code);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Type", org.hamcrest.Matchers.containsStringIgnoringCase("charset=utf-8"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Cache-Control", containsString("public"));
        String html = page.asString();
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("<span id=\"donated\">123.45</span>"), html);
        assertTrue(html.contains("<span id=\"spent\">23.45</span>"), html);
        assertTrue(html.contains("<span id=\"balance\">100.00</span>"), html);
        assertTrue(html.contains("重阳节敬老 &lt;b&gt;茶话会&lt;/b&gt;"), "typed text kept, and escaped");
        assertFalse(html.contains("李建国") || html.contains("13900001111") || html.contains("1111</"), html);
        assertTrue(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 60_000);
        // figures agree with the JSON fund report
        given().get("/public/v1/communities/" + community + "/fund").then().body("donatedFen", equalTo(12345))
                .body("spentFen", equalTo(2345)).body("balanceFen", equalTo(10000));
        // unchanged: 304 by its ETag; a new gift changes it at once
        String etag = page.header("ETag");
        given().header("If-None-Match", etag).get("/p/" + code).then().statusCode(304);
        Fixtures.donateTo(community, 5);
        Response after = given().header("If-None-Match", etag).get("/p/" + code);
        after.then().statusCode(200).header("ETag", not(equalTo(etag)));
        assertTrue(after.asString().contains("<span id=\"balance\">100.05</span>"));
    }

    @Test
    void aReversalAfterThePageWasCountedIsOnItAtOnce() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        Response gift = Fixtures.donateTo(community, 5000);
        assertTrue(given().get("/p/" + code).asString().contains("<span id=\"balance\">50.00</span>"));
        Fixtures.as("FINANCE").body(Map.of("reason", "重复录入")).post("/api/v1/ledger/entries/" + gift.path("entryId")
                + "/reversal").then().statusCode(201);
        String html = given().get("/p/" + code).asString();
        assertTrue(html.contains("<span id=\"balance\">0.00</span>"), html);
        assertTrue(html.contains("<span id=\"corrections\">−50.00</span>"), html);
    }

    @Test
    void anUnknownBoxAnswersAChinesePageWith404() {
        Response r = given().get("/p/NO-SUCH-BOX");
        r.then().statusCode(404).contentType(containsString("text/html"));
        assertTrue(r.asString().contains("未找到这个爱扑满"));
        given().get("/p/" + "x".repeat(300)).then().statusCode(404);
    }

    @Test
    void thePagesCheckOfAReceiptShowsTheGiftAndEmbedsItsProof() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        String receiptNo = Fixtures.donateTo(community, 300).path("receiptNo");
        digests.digestNow();
        String html = given().queryParam("receipt", receiptNo.toLowerCase()).get("/p/" + code).asString();
        assertTrue(html.contains("<dd id=\"r-no\">" + receiptNo + "</dd>"), html);
        assertTrue(html.contains("<script type=\"application/json\" id=\"proof\">{"), html);
        String missing = given().queryParam("receipt", "AP-2025-424242424").get("/p/" + code).asString();
        assertTrue(missing.contains("没有找到票据号 AP-2025-424242424"));
        assertTrue(given().get("/public/v1/communities/" + community + "/fund").jsonPath().getList("spending")
                .isEmpty());
    }
}
