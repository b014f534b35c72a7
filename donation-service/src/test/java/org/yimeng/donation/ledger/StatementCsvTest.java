package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The people's statement cells: yuan beside fen, Shanghai time, signed corrections, no formula from typed text. */
class StatementCsvTest {
    private static final UUID COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c1");
    private static final String FUND = Account.fund(COMMUNITY).format();

    @Test
    void fenBecomeYuanWithTwoDecimalsAlsoWhenNegative() {
        assertEquals(List.of("0.00", "0.01", "123.45", "-0.70", "100000.00"),
                List.of(StatementCsv.yuan(0), StatementCsv.yuan(1), StatementCsv.yuan(12_345), StatementCsv.yuan(-70),
                        StatementCsv.yuan(10_000_000)));
    }

    @Test
    void aReversedDonationIsANegativeCorrectionNotAnOutgoing() {
        Entry gift = Entry.chained(7, UUID.randomUUID(), EntryType.DONATION, COMMUNITY, Account.DONATIONS_IN.format(), FUND, 70,
                Instant.parse("2025-05-17T16:00:00Z"), Instant.parse("2025-05-17T16:00:01Z"), null, ChainHash.GENESIS);
        Entry back = Entry.chained(8, UUID.randomUUID(), EntryType.REVERSAL, COMMUNITY, FUND, Account.DONATIONS_IN.format(), 70,
                Instant.parse("2025-05-17T16:05:00Z"), Instant.parse("2025-05-17T16:05:00Z"), gift.entryId(), gift.hash());
        List<String> row = new StatementCsv(ZoneId.of("Asia/Shanghai")).row(back, FUND, 0, "AP-2025-000007", "WECHAT", null, "=误录");
        assertEquals(List.of("冲正", "2025-05-18 00:05:00", "0", "0", "-70", "-0.70", "0", "0.00", "AP-2025-000007", "微信",
                "'=误录", gift.entryId().toString()), List.of(row.get(2), row.get(3), row.get(5), row.get(7), row.get(9),
                        row.get(10), row.get(11), row.get(12), row.get(13), row.get(14), row.get(16), row.get(17)));
        assertEquals(StatementCsv.HEADERS.size(), row.size());
    }
}
