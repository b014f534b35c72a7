package org.yimeng.volunteer.progress;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.yimeng.volunteer.place.PilotState;

/**
 * The progress table as CSV for the review meeting, for people: Chinese headers, UTF-8 with a byte-order mark (so
 * that Excel reads the Chinese), CRLF lines and RFC 4180 quoting (commons-csv), 是/否 for yes/no, ratios as the
 * percentages people read (0.8333 → 83.33%), counts as plain numbers, and text cells that a spreadsheet would run as
 * a formula (starting with = + - @ tab or CR) prefixed with an apostrophe. The JSON keeps the field names and ratios.
 * A county's communities follow below a blank line, in a table of their own.
 */
public final class ProgressCsv {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("县区代码", "县区", "村（社区）数", "试点数", "试点目标数", "试点达标",
            "困难家庭数", "已摸底户数", "已结对户数", "结对覆盖率", "档案完整户数", "待认领心愿", "已认领心愿", "已实现心愿",
            "已取消心愿", "心愿实现率", "志愿者数", "活跃志愿者数", "达到每周服务目标的志愿者数", "每周目标达成率",
            "服务时长（分钟）", "试点状态");
    /** The per-community table, after a blank line below the county table. */
    static final List<String> COMMUNITY_HEADER = List.of("县区代码", "村（社区）编号", "村（社区）", "是否试点",
            "困难家庭数", "已摸底户数", "已结对户数", "结对覆盖率", "档案完整户数", "待认领心愿", "已认领心愿", "已实现心愿",
            "已取消心愿", "心愿实现率", "志愿者数", "活跃志愿者数", "达到每周服务目标的志愿者数", "每周目标达成率",
            "服务时长（分钟）");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private ProgressCsv() {
    }

    public static String of(ProgressResponse p) {
        StringWriter out = new StringWriter().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (ProgressRow r : p.rows()) {
                printer.printRecord(cells(r));
            }
            printer.printRecord(cells(p.total()));
            if (!p.communities().isEmpty()) {
                printer.println();
                printer.printRecord(COMMUNITY_HEADER);
                for (CommunityProgressRow r : p.communities()) {
                    printer.printRecord(cells(r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> cells(ProgressRow r) {
        List<String> c = new ArrayList<>(HEADER.size());
        c.add(guard(r.countyCode()));
        c.add(guard(r.countyName()));
        c.add(n(r.communities()));
        c.add(n(r.pilots()));
        c.add(n(r.targetPilots()));
        c.add(yesNo(r.pilotsMeetTarget()));
        c.add(n(r.households()));
        c.add(n(r.surveyed()));
        c.add(n(r.paired()));
        c.add(percent(r.coverageRatio()));
        c.add(n(r.archivesComplete()));
        c.add(n(r.wishesOpen()));
        c.add(n(r.wishesClaimed()));
        c.add(n(r.wishesFulfilled()));
        c.add(n(r.wishesCancelled()));
        c.add(percent(r.wishFulfilmentRate()));
        c.add(n(r.volunteers()));
        c.add(n(r.activeVolunteers()));
        c.add(n(r.volunteersMeetingWeeklyGoal()));
        c.add(percent(r.weeklyGoalRatio()));
        c.add(n(r.serviceMinutes()));
        c.add(pilotState(r.pilotState()));
        return c;
    }

    private static List<String> cells(CommunityProgressRow r) {
        List<String> c = new ArrayList<>(COMMUNITY_HEADER.size());
        c.add(guard(r.countyCode()));
        c.add(r.communityId().toString());
        c.add(guard(r.communityName()));
        c.add(yesNo(r.pilot()));
        c.add(n(r.households()));
        c.add(n(r.surveyed()));
        c.add(n(r.paired()));
        c.add(percent(r.coverageRatio()));
        c.add(n(r.archivesComplete()));
        c.add(n(r.wishesOpen()));
        c.add(n(r.wishesClaimed()));
        c.add(n(r.wishesFulfilled()));
        c.add(n(r.wishesCancelled()));
        c.add(percent(r.wishFulfilmentRate()));
        c.add(n(r.volunteers()));
        c.add(n(r.activeVolunteers()));
        c.add(n(r.volunteersMeetingWeeklyGoal()));
        c.add(percent(r.weeklyGoalRatio()));
        c.add(n(r.serviceMinutes()));
        return c;
    }

    /** A ratio of 0..1 as a percentage with two decimals: 0.8333 → 83.33%, 1 → 100.00%. */
    static String percent(BigDecimal ratio) {
        return ratio == null ? "" : ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** 是/否; empty when there is nothing to say (a county without communities has no target to meet). */
    static String yesNo(Boolean b) {
        return b == null ? "" : b ? "是" : "否";
    }

    static String pilotState(PilotState s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case MEETS_TARGET -> "已达标";
            case BELOW_TARGET -> "未达标";
            case NO_COMMUNITIES -> "无村（社区）";
        };
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    /** A text cell that a spreadsheet would take for a formula gets a leading apostrophe. */
    static String guard(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** One cell after the first of a row, guarded and quoted by the printer the table is written with. */
    static String cell(String value) {
        StringBuilder out = new StringBuilder();
        try {
            FORMAT.print(guard(value), out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.substring(1); // the printer writes the delimiter before a cell that does not start the record
    }
}
