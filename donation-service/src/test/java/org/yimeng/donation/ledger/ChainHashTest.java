package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The hash rule of api.md, against vectors computed outside Java (Python hashlib over the literal lines). */
class ChainHashTest {
    static final UUID ENTRY_1 = UUID.fromString("0196e1a2-0000-7000-8000-000000000001");
    static final UUID ENTRY_2 = UUID.fromString("0196e1a2-0000-7000-8000-000000000002");
    static final UUID COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c1");
    static final String FUND = "community:0196e1a2-0000-7000-8000-0000000000c1:fund";
    static final String HASH_1 = "a28fe72eb2458980c3928357ea658becb22cd279b00d3b3748bcea0bf616222c";
    static final String HASH_2 = "4d64e598f6dce57ed50174bb898559884cf498b0cb81d17364e7741e8db8e633";

    @Test
    void firstEntryLinesUpWithGenesisAndHashesToTheHandComputedVector() {
        String line = ChainHash.line(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 100,
                Instant.parse("2025-05-18T04:49:00Z"), Instant.parse("2025-05-18T04:49:00.123456Z"), null, ChainHash.GENESIS);
        assertEquals("1|0196e1a2-0000-7000-8000-000000000001|DONATION|0196e1a2-0000-7000-8000-0000000000c1|"
                + "city:donations-in|community:0196e1a2-0000-7000-8000-0000000000c1:fund|100|2025-05-18T04:49:00.000000Z|"
                + "2025-05-18T04:49:00.123456Z||0000000000000000000000000000000000000000000000000000000000000000", line);
        assertEquals(HASH_1, ChainHash.sha256Hex(line));
        assertEquals(HASH_1, ChainHash.hash(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 100,
                Instant.parse("2025-05-18T04:49:00Z"), Instant.parse("2025-05-18T04:49:00.123456Z"), null, ChainHash.GENESIS));
    }

    @Test
    void reversalLineCarriesReversalOfAndThePreviousHash() {
        Entry e = Entry.chained(2, ENTRY_2, EntryType.REVERSAL, COMMUNITY, FUND, Account.DONATIONS_IN.format(), 100,
                Instant.parse("2025-05-18T05:00:00.000001Z"), Instant.parse("2025-05-18T05:00:00.000001Z"), ENTRY_1, HASH_1);
        assertEquals(HASH_2, e.hash());
    }

    @Test
    void instantsAreTruncatedToMicrosecondsAndPrintedWithSixDigits() {
        assertEquals("2025-05-18T04:49:00.000000Z", ChainHash.instant(Instant.parse("2025-05-18T04:49:00Z")));
        assertEquals("2025-05-18T04:49:00.123456Z",
                ChainHash.instant(ChainHash.truncate(Instant.parse("2025-05-18T04:49:00.123456789Z"))));
        assertEquals("1999-12-31T23:59:59.999999Z", ChainHash.formatMicros(946_684_799_999_999L));
        assertEquals("1970-01-01T00:00:00.000000Z", ChainHash.formatMicros(0));
        Instant t = Instant.parse("2031-02-28T16:00:00.000007Z");
        assertEquals(t, ChainHash.fromMicros(ChainHash.toMicros(t)));
    }

    @Test
    void fastHasherAgreesWithTheReadableForm() {
        ChainHash h = new ChainHash();
        byte[] hex = h.hashHex(1, ENTRY_1.toString(), "DONATION", COMMUNITY.toString(), Account.DONATIONS_IN.format(), FUND, 100,
                ChainHash.toMicros(Instant.parse("2025-05-18T04:49:00Z")),
                ChainHash.toMicros(Instant.parse("2025-05-18T04:49:00.123456Z")), null, ChainHash.GENESIS);
        assertEquals(HASH_1, new String(hex, StandardCharsets.US_ASCII));
        assertTrue(ChainHash.sameHex(hex, HASH_1));
        assertFalse(ChainHash.sameHex(hex, HASH_2));
        byte[] second = h.hashHex(2, ENTRY_2.toString(), "REVERSAL", COMMUNITY.toString(), FUND, Account.DONATIONS_IN.format(), 100,
                ChainHash.toMicros(Instant.parse("2025-05-18T05:00:00.000001Z")),
                ChainHash.toMicros(Instant.parse("2025-05-18T05:00:00.000001Z")), ENTRY_1.toString(), HASH_1);
        assertEquals(HASH_2, new String(second, StandardCharsets.US_ASCII));
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        Instant at = Instant.parse("2025-05-18T04:49:00Z");
        String base = ChainHash.hash(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 100, at, at, null,
                ChainHash.GENESIS);
        assertFalse(base.equals(ChainHash.hash(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 101, at, at,
                null, ChainHash.GENESIS)));
        assertFalse(base.equals(ChainHash.hash(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 100,
                at.plusNanos(1000), at, null, ChainHash.GENESIS)));
        assertFalse(base.equals(ChainHash.hash(2, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(), FUND, 100, at, at,
                null, ChainHash.GENESIS)));
    }

    @Test
    void theVectorsAccountsAreTheValueTypesFormats() {
        // docs/ledger-hash.md's first line names these two accounts: Account must format them byte for byte
        assertEquals("city:donations-in", Account.DONATIONS_IN.format());
        assertEquals(FUND, Account.fund(COMMUNITY).format());
        assertEquals(HASH_1, ChainHash.hash(1, ENTRY_1, "DONATION", COMMUNITY, Account.DONATIONS_IN.format(),
                Account.fund(COMMUNITY).format(), Fen.of(100).value(), Instant.parse("2025-05-18T04:49:00Z"),
                Instant.parse("2025-05-18T04:49:00.123456Z"), null, ChainHash.GENESIS));
    }
}
