package org.yimeng.volunteer.progress;

import java.util.List;

/**
 * The progress table as CSV for the review meeting: UTF-8 with a byte-order mark (so that Excel reads the Chinese
 * names), CRLF lines, RFC 4180 quoting, and text cells that a spreadsheet would run as a formula (starting with
 * = + - @ tab or CR) prefixed with an apostrophe.
 */
public final class ProgressCsv {
    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("countyCode", "countyName", "communities", "pilots", "targetPilots",
            "pilotsMeetTarget", "households", "surveyed", "paired", "coverageRatio", "archivesComplete", "wishesOpen",
            "wishesClaimed", "wishesFulfilled", "wishesCancelled", "wishFulfilmentRate", "volunteers",
            "activeVolunteers", "volunteersMeetingWeeklyGoal", "weeklyGoalRatio", "serviceMinutes", "pilotState");
    /** The per-community table, after a blank line below the county table. */
    static final List<String> COMMUNITY_HEADER = List.of("countyCode", "communityId", "communityName", "pilot",
            "households", "surveyed", "paired", "coverageRatio", "archivesComplete", "wishesOpen", "wishesClaimed",
            "wishesFulfilled", "wishesCancelled", "wishFulfilmentRate", "volunteers", "activeVolunteers",
            "volunteersMeetingWeeklyGoal", "weeklyGoalRatio", "serviceMinutes");

    private ProgressCsv() {
    }

    public static String of(ProgressResponse p) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, HEADER);
        for (ProgressRow r : p.rows()) {
            line(out, cells(r));
        }
        line(out, cells(p.total()));
        if (!p.communities().isEmpty()) {
            out.append("\r\n");
            line(out, COMMUNITY_HEADER);
            for (CommunityProgressRow r : p.communities()) {
                line(out, cells(r));
            }
        }
        return out.toString();
    }

    private static List<String> cells(ProgressRow r) {
        return List.of(r.countyCode(), r.countyName(), n(r.communities()), n(r.pilots()), n(r.targetPilots()),
                r.pilotsMeetTarget() == null ? "" : String.valueOf(r.pilotsMeetTarget()), n(r.households()), n(r.surveyed()), n(r.paired()),
                r.coverageRatio().toPlainString(), n(r.archivesComplete()), n(r.wishesOpen()), n(r.wishesClaimed()),
                n(r.wishesFulfilled()), n(r.wishesCancelled()), r.wishFulfilmentRate().toPlainString(),
                n(r.volunteers()), n(r.activeVolunteers()), n(r.volunteersMeetingWeeklyGoal()),
                r.weeklyGoalRatio().toPlainString(), n(r.serviceMinutes()), r.pilotState().name());
    }

    private static List<String> cells(CommunityProgressRow r) {
        return List.of(r.countyCode(), r.communityId().toString(), r.communityName(), String.valueOf(r.pilot()),
                n(r.households()), n(r.surveyed()), n(r.paired()), r.coverageRatio().toPlainString(),
                n(r.archivesComplete()), n(r.wishesOpen()), n(r.wishesClaimed()), n(r.wishesFulfilled()),
                n(r.wishesCancelled()), r.wishFulfilmentRate().toPlainString(), n(r.volunteers()),
                n(r.activeVolunteers()), n(r.volunteersMeetingWeeklyGoal()), r.weeklyGoalRatio().toPlainString(),
                n(r.serviceMinutes()));
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell, safe to open in a spreadsheet. Numbers never start with a formula character here. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
