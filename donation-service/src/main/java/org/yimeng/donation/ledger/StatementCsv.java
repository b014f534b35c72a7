package org.yimeng.donation.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.yimeng.donation.ledger.LedgerDtos.StatementView;

/**
 * The cells of the people's statement CSV: Chinese headers and words, times in the programme's zone, yuan beside fen, and the
 * same in / out / corrections as the JSON statement. Text that people typed (activity titles, reasons) that a
 * spreadsheet would run as a formula is prefixed with an apostrophe, as {@link Csv} does.
 */
final class StatementCsv {
    static final List<String> HEADERS = List.of("序号", "条目编号", "类型", "发生时间", "记账时间", "收入（分）", "收入（元）",
            "支出（分）", "支出（元）", "冲正（分）", "冲正（元）", "余额（分）", "余额（元）", "捐赠票据号", "渠道", "活动",
            "冲正原因", "被冲正条目");

    private static final Map<EntryType, String> TYPES = Map.of(EntryType.DONATION, "捐赠", EntryType.DISBURSEMENT, "支出",
            EntryType.REVERSAL, "冲正");
    private static final Map<String, String> CHANNELS = Map.of("CASH", "现金", "WECHAT", "微信", "ALIPAY", "支付宝",
            "UNIONPAY", "银联", "BANK", "银行转账");

    private final DateTimeFormatter local;

    /** {@code zone}: the programme's ({@link ProgrammeZone}), in which people read the times. */
    StatementCsv(ZoneId zone) {
        this.local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    static List<String> opening(long openingFen) {
        // the label in the first cell: a record whose first cell is empty would be written as "" by commons-csv
        return List.of("期初余额", "", "", "", "", "", "", "", "", "", "", Long.toString(openingFen), yuan(openingFen),
                "", "", "", "", "");
    }

    static List<String> totals(StatementView st) {
        return List.of("合计（期末余额）", "", "", "", "", Long.toString(st.inFen()), yuan(st.inFen()),
                Long.toString(st.outFen()), yuan(st.outFen()), Long.toString(st.correctionsFen()),
                yuan(st.correctionsFen()), Long.toString(st.closingFen()), yuan(st.closingFen()), "", "", "", "", "");
    }

    /** One entry: a donation is in, a disbursement out, a reversal a signed correction (api.md "Settled details"). */
    List<String> row(Entry e, String fund, long balanceAfter, String receiptNo, String channel, String activity,
            String reversalReason) {
        long in = e.type() == EntryType.DONATION ? e.amountFen() : 0;
        long out = e.type() == EntryType.DISBURSEMENT ? e.amountFen() : 0;
        long correction = e.type() == EntryType.REVERSAL ? e.deltaFor(fund) : 0;
        return List.of(Long.toString(e.sequence()), e.entryId().toString(), TYPES.get(e.type()), local(e.occurredAt()),
                local(e.recordedAt()), Long.toString(in), yuan(in), Long.toString(out), yuan(out),
                Long.toString(correction), yuan(correction), Long.toString(balanceAfter), yuan(balanceAfter),
                text(receiptNo), channel == null ? "" : CHANNELS.getOrDefault(channel, channel), text(activity),
                text(reversalReason), e.reversalOf() == null ? "" : e.reversalOf().toString());
    }

    /** Fen as yuan with two decimals: 12345 → 123.45, -70 → -0.70. */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    String local(Instant t) {
        return local.format(t);
    }

    /** Typed text as typed, but never a formula for a spreadsheet. */
    static String text(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        char first = v.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + v : v;
    }
}
