package org.yimeng.volunteer.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * The columns of one kind of spreadsheet, with the Chinese headers community workers use. A header may be spelt in
 * one of a few common ways (社区名称 for 社区); 序号 and 备注 columns are ignored; any other unknown header, a
 * missing required one or a repeated one means the file is not this template (422 WRONG_TEMPLATE).
 */
public record Template(ImportKind kind, List<Column> columns) {

    /** One column: its header, other spellings accepted on import, whether a row must fill it, an example. */
    public record Column(String key, String header, boolean required, String example, String note, String... aliases) {
    }

    static final Set<String> IGNORED = Set.of("序号", "编号", "备注");
    /** Columns of people's own text, kept as typed (full-width punctuation stays); the others are folded by NFKC. */
    static final Set<String> TYPED = Set.of("headName", "address", "name", "surveyor", "needDetail");

    public static final Template HOUSEHOLDS = new Template(ImportKind.HOUSEHOLDS, List.of(
            new Column("community", "社区", false, "兰山街道沂蒙社区",
                    "可留空；填写时须是本次导入的社区（名称或12位统计编码）", "社区名称", "社区编码", "村/社区", "村居"),
            new Column("grid", "网格", false, "第一网格", "本社区已有的网格名称；网格员导入时留空即为本人网格", "网格名称"),
            new Column("headName", "户主姓名", true, "张桂英", "", "户主", "姓名"),
            new Column("headIdNumber", "户主身份证号", false, "371302195001011234", "18位，末位可为X", "身份证号", "身份证号码"),
            new Column("phone", "联系电话", false, "13812345678", "手机号或座机号（0539-1234567）", "电话", "手机号"),
            new Column("address", "家庭住址", true, "沂蒙路12号3-201", "", "住址", "地址"),
            new Column("memberCount", "家庭人口", true, "2", "1–50", "人口", "家庭人数"),
            new Column("categories", "困难类别", false, "独居老人、低保",
                    "独居老人/残疾/低保/特困/留守儿童/大病/其他，多个用顿号或逗号分隔", "困难类型", "类别")));

    public static final Template VOLUNTEERS = new Template(ImportKind.VOLUNTEERS, List.of(
            new Column("community", "社区", false, "兰山街道沂蒙社区",
                    "可留空；填写时须是本次导入的社区（名称或12位统计编码）", "社区名称", "社区编码", "村/社区", "村居"),
            new Column("grid", "网格", false, "第一网格", "本社区已有的网格名称；网格员导入时留空即为本人网格", "网格名称"),
            new Column("name", "姓名", true, "李明", "", "志愿者姓名"),
            new Column("phone", "手机号", true, "13912345678", "11位手机号，全市唯一", "手机号码", "联系电话"),
            new Column("idNumber", "身份证号", false, "371302199001011234", "18位，末位可为X；全市唯一", "身份证号码"),
            new Column("gender", "性别", false, "男", "男/女；留空时按身份证号"),
            new Column("birthDate", "出生日期", false, "1990-01-01", "2025-05-18、2025/5/18 或 2025年5月18日；留空时按身份证号"),
            new Column("skills", "技能", false, "陪伴、理发", "多个用顿号或逗号分隔", "特长", "技能特长"),
            new Column("consent", "同意登记", true, "是", "须为“是”：本人已同意登记志愿服务信息", "是否同意")));

    public static final Template SURVEYS = new Template(ImportKind.SURVEYS, List.of(
            new Column("community", "社区", false, "兰山街道沂蒙社区",
                    "可留空；填写时须是本次导入的社区（名称或12位统计编码）", "社区名称", "社区编码", "村/社区", "村居"),
            new Column("headIdNumber", "户主身份证号", false, "371302195001011234",
                    "用于找到已登记的困难家庭；无身份证号时填户主姓名和家庭住址", "身份证号", "身份证号码"),
            new Column("headName", "户主姓名", false, "张桂英", "", "户主"),
            new Column("address", "家庭住址", false, "沂蒙路12号3-201", "", "住址", "地址"),
            new Column("surveyedOn", "调查日期", true, "2025-05-18", "2025-05-18、2025/5/18 或 2025年5月18日", "摸底日期"),
            new Column("surveyor", "调查人", true, "王芳", "", "摸底人"),
            new Column("needType", "需求类型", false, "生活照料",
                    "生活照料/医疗/心理/家务/教育/就业/法律/其他；留空表示本次无需求", "需求类别"),
            new Column("needDetail", "需求详情", false, "每周帮助买菜", "填写需求类型时必填", "需求内容", "具体需求")));

    public static Template of(ImportKind kind) {
        return switch (kind) {
            case HOUSEHOLDS -> HOUSEHOLDS;
            case VOLUNTEERS -> VOLUNTEERS;
            case SURVEYS -> SURVEYS;
        };
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    public int index(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /**
     * Maps the file's header cells to this template's columns: {@code result[c]} is the template column of file
     * column c, or -1 for an ignored column. 422 WRONG_TEMPLATE names the missing, unknown and repeated headers.
     */
    public Header match(List<String> cells) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.put(norm(columns.get(i).header()), i);
            for (String alias : columns.get(i).aliases()) {
                byName.put(norm(alias), i);
            }
        }
        int[] map = new int[cells.size()];
        String[] used = new String[columns.size()];
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (int c = 0; c < cells.size(); c++) {
            String h = norm(cells.get(c));
            map[c] = -1;
            if (h.isEmpty() || IGNORED.contains(h)) {
                continue;
            }
            Integer col = byName.get(h);
            if (col == null) {
                unknown.add(cells.get(c).strip());
            } else if (used[col] != null) {
                repeated.add(columns.get(col).header());
            } else {
                used[col] = Cells.clean(cells.get(c)).replace("*", "");
                map[c] = col;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).required() && used[i] == null) {
                missing.add(columns.get(i).header());
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty() || !repeated.isEmpty()) {
            StringBuilder d = new StringBuilder("The header row does not match the ").append(kind.path()).append(" template");
            if (!missing.isEmpty()) {
                d.append("; missing: ").append(String.join(", ", missing));
            }
            if (!unknown.isEmpty()) {
                d.append("; unknown: ").append(String.join(", ", unknown));
            }
            if (!repeated.isEmpty()) {
                d.append("; repeated: ").append(String.join(", ", repeated));
            }
            throw new ApiException(ErrorCode.WRONG_TEMPLATE, d.toString()).detail("headers", kind.path(),
                    noneIfEmpty(missing), noneIfEmpty(unknown), noneIfEmpty(repeated))
                    .with("missingHeaders", missing)
                    .with("unknownHeaders", List.copyOf(unknown)).with("repeatedHeaders", List.copyOf(repeated))
                    .with("expectedHeaders", headers());
        }
        for (int i = 0; i < columns.size(); i++) {
            if (used[i] == null) {
                used[i] = columns.get(i).header();
            }
        }
        boolean[] typed = new boolean[columns.size()];
        for (int i = 0; i < typed.length; i++) {
            typed[i] = TYPED.contains(columns.get(i).key());
        }
        return new Header(map, used, typed);
    }

    private static String noneIfEmpty(java.util.Collection<String> headers) {
        return headers.isEmpty() ? "无" : String.join("、", headers);
    }

    /** The file's column → template column map, and the header each template column has in this file. */
    public record Header(int[] fileToTemplate, String[] headerAsWritten, boolean[] typed) {
        /** A data row's cells in template order; absent columns are null. */
        public String[] arrange(List<String> cells, int columnCount) {
            String[] out = new String[columnCount];
            for (int c = 0; c < cells.size() && c < fileToTemplate.length; c++) {
                int t = fileToTemplate[c];
                if (t >= 0) {
                    out[t] = t < typed.length && typed[t] ? Cells.typed(cells.get(c)) : Cells.clean(cells.get(c));
                }
            }
            return out;
        }
    }

    /**
     * Whether the first non-blank row is a sheet title rather than the header: county sheets often start with one
     * cell (merged across the columns) such as "沂蒙社区困难家庭花名册". Such a row has a single filled cell that is
     * not one of the template's headers; the next non-blank row is then the header.
     */
    public boolean isTitle(List<String> cells) {
        String only = null;
        for (String c : cells) {
            String v = Cells.clean(c);
            if (v != null) {
                if (only != null) {
                    return false;
                }
                only = v;
            }
        }
        if (only == null) {
            return false;
        }
        String h = norm(only);
        return columns.stream().noneMatch(col -> norm(col.header()).equals(h)
                || java.util.Arrays.stream(col.aliases()).anyMatch(a -> norm(a).equals(h)));
    }

    /** Header comparison ignores width, spaces, a required-marker star and a trailing colon. */
    private static String norm(String header) {
        String h = Cells.clean(header);
        return h == null ? "" : h.replace("*", "").replace(" ", "").replaceAll("[:：]$", "");
    }
}
