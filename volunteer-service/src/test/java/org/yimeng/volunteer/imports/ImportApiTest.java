package org.yimeng.volunteer.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.identity.IdNumber;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Imports as a county office would really send them: one sheet mixing good rows with every kind of mistake, as
 * XLSX and as GBK CSV; the dry-run report names exactly the bad rows, the commit adds exactly the good ones, and
 * uploading again adds nothing.
 */
@QuarkusTest
class ImportApiTest {
    static final Charset GBK = Charset.forName("GBK");
    static final List<Object> HOUSEHOLD_HEADER = List.of("序号", "社区", "网格", "户主姓名", "户主身份证号", "联系电话",
            "家庭住址", "家庭人口", "困难类别");

    static RequestSpecification upload(String token) {
        return given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(token);
    }

    static Response post(String token, String kind, String mode, String community, String contentType, byte[] body) {
        RequestSpecification r = upload(token).contentType(contentType).body(body).queryParam("kind", kind)
                .queryParam("mode", mode);
        if (community != null) {
            r = r.queryParam("communityId", community);
        }
        return r.post("/api/v1/imports");
    }

    /** The job once finished. */
    static Map<String, Object> finished(String token, String id) {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Map<String, Object> job = Fixtures.as(token).get("/api/v1/imports/" + id).then().statusCode(200).extract()
                    .jsonPath().getMap("");
            String state = (String) job.get("state");
            if (state.equals("VALIDATED") || state.equals("COMMITTED") || state.equals("FAILED")) {
                return job;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("import " + id + " still " + state);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The report as "row code column outcome" lines. */
    static Set<String> report(String token, String id) {
        List<Map<String, Object>> items = Fixtures.as(token).queryParam("format", "json").queryParam("limit", 500)
                .get("/api/v1/imports/" + id + "/report").then().statusCode(200).extract().jsonPath().getList("items");
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> i : items) {
            out.add(i.get("row") + " " + i.get("code") + " " + i.get("column") + " " + i.get("outcome"));
        }
        return out;
    }

    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == 'X' ? 'Ｘ' : c);
        }
        return b.toString();
    }

    static String wrongCheck(String id) {
        char c = id.charAt(17);
        return id.substring(0, 17) + (c == '1' ? '2' : '1');
    }

    static String communityName(String id) {
        return Fixtures.as(Fixtures.cityAdmin()).get("/api/v1/communities/" + id).then().extract().path("name");
    }

    /** A head ID number already registered for a household in another community. */
    static String registeredHeadId() {
        String other = Fixtures.community(Fixtures.COUNTY);
        String id = Fixtures.idNumber();
        Fixtures.as(Fixtures.cityAdmin()).body(Map.of("communityId", other, "headName", Fixtures.unique("户主"),
                "headIdNumber", id, "address", Fixtures.unique("沂州路"), "memberCount", 1, "categories", List.of("OTHER")))
                .post("/api/v1/households").then().statusCode(201);
        return id;
    }

    /**
     * The county office's sheet (row numbers as in the sheet): 2 good (full-width digits), 3 blank, 4 wrong ID check
     * digit, 5 bad phone, 6 same ID as row 2, 7 already registered, 8 unknown grid, 9 good (phone and member count
     * as numbers), 10 good with a merged address cell over rows 10-11, 11 therefore without address, 12 good with a
     * full-width ID, 13 unknown category, 14 another community.
     */
    static List<List<Object>> countySheet(String communityName, String grid, String registeredId, boolean numbers) {
        String id1 = Fixtures.idNumber();
        String id12 = Fixtures.idNumber();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HOUSEHOLD_HEADER);
        rows.add(row(1, communityName, grid, Fixtures.unique("张桂英"), id1, "13812345678", "沂蒙路１２号３－２０１" + Fixtures.unique(""), "２", "独居老人、低保"));
        rows.add(Arrays.asList("", " ", null, "", "", "", "", "", ""));
        rows.add(row(3, "", grid, Fixtures.unique("王秀兰"), wrongCheck(Fixtures.idNumber()), "13912345678", Fixtures.unique("沂河路"), "1", "残疾"));
        rows.add(row(4, "", grid, Fixtures.unique("李强"), "", "1381234", Fixtures.unique("沂河路"), "1", "特困"));
        rows.add(row(5, "", grid, Fixtures.unique("赵敏"), id1, "", Fixtures.unique("沂河路"), "3", "大病"));
        rows.add(row(6, "", grid, Fixtures.unique("钱进"), registeredId, "", Fixtures.unique("沂河路"), "2", "其他"));
        rows.add(row(7, "", "第九网格", Fixtures.unique("孙莉"), "", "", Fixtures.unique("沂河路"), "2", "留守儿童"));
        rows.add(row(8, "", grid, Fixtures.unique("周涛"), "", numbers ? (Object) 13812345678L : "13812345678",
                Fixtures.unique("通达路"), numbers ? (Object) 3 : "3", "低保,残疾"));
        rows.add(row(9, "", grid, Fixtures.unique("吴芳"), "", "", "沂河路8号" + Fixtures.unique(""), "4", "独居老人"));
        rows.add(row(10, "", grid, Fixtures.unique("郑华"), "", "", null, "2", "低保"));
        rows.add(row(11, communityName, "", Fixtures.unique("冯军"), fullWidth(id12), "0539-8123456", Fixtures.unique("解放路"), "5", "特困户"));
        rows.add(row(12, "", grid, Fixtures.unique("陈静"), "", "", Fixtures.unique("北京路"), "2", "贫困"));
        rows.add(row(13, "别的社区", grid, Fixtures.unique("褚红"), "", "", Fixtures.unique("北京路"), "2", "低保"));
        return rows;
    }

    static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    static final Set<String> EXPECTED_ISSUES = Set.of(
            "4 INVALID_ID_NUMBER 户主身份证号 ERROR",
            "5 VALIDATION_FAILED 联系电话 ERROR",
            "6 DUPLICATE_HOUSEHOLD null ERROR",
            "7 DUPLICATE_HOUSEHOLD null SKIPPED",
            "8 UNKNOWN_GRID 网格 ERROR",
            "11 VALIDATION_FAILED 家庭住址 ERROR",
            "13 VALIDATION_FAILED 困难类别 ERROR",
            "14 UNKNOWN_COMMUNITY 社区 ERROR");

    static String gridNamed(String community, String name) {
        return Fixtures.as(Fixtures.cityAdmin()).body(Map.of("name", name))
                .post("/api/v1/communities/" + community + "/grids").then().statusCode(201).extract().path("id");
    }

    static long households(String community) {
        return Fixtures.count("household WHERE community_id = '" + community + "'");
    }

    @Test
    void countyOfficeWorkbookIsReportedRowByRowThenCommittedOnceAndReuploadAddsNothing() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = gridNamed(community, "第一网格");
        String token = Fixtures.communityAdmin(community);
        List<List<Object>> sheet = countySheet(communityName(community), "第一网格", registeredHeadId(), true);
        byte[] xlsx = Sheets.xlsx(sheet, new Sheets.Merge(9, 10, 6, 6));

        Response dry = post(token, "households", "dry-run", community, Sheets.XLSX, xlsx);
        dry.then().statusCode(202).header("Location", endsWith("/api/v1/imports/" + dry.path("id"))).body("mode", is("DRY_RUN"));
        String dryId = dry.path("id");
        Map<String, Object> job = finished(token, dryId);
        assertEquals("VALIDATED", job.get("state"));
        assertEquals(12, job.get("rowsDone"));
        assertEquals(12, job.get("rowsTotal"));
        assertEquals(1, job.get("rowsBlank"));
        assertEquals(4, job.get("rowsValid"));
        assertEquals(7, job.get("rowsInvalid"));
        assertEquals(1, job.get("rowsSkipped"));
        assertEquals(EXPECTED_ISSUES, report(token, dryId));
        assertEquals(0, households(community), "a dry run writes nothing");

        Response commit = Fixtures.as(token).post("/api/v1/imports/" + dryId + "/commit");
        commit.then().statusCode(202).body("mode", is("COMMIT")).body("sourceJobId", is(dryId));
        String commitId = commit.path("id");
        Map<String, Object> committed = finished(token, commitId);
        assertEquals("COMMITTED", committed.get("state"));
        assertEquals(4, committed.get("rowsCommitted"));
        assertEquals(EXPECTED_ISSUES, report(token, commitId));
        assertEquals(4, households(community));
        // the good rows arrived as the API would have stored them
        assertEquals(1, Fixtures.count("household WHERE community_id = '" + community + "' AND member_count = 3 "
                + "AND phone = '13812345678' AND grid_id = '" + grid + "' AND categories = '{LOW_INCOME,DISABLED}'"));
        // the address as typed (full-width digits and dash kept), the member count folded from "２"
        assertEquals(1, Fixtures.count("household WHERE community_id = '" + community + "' AND member_count = 2 "
                + "AND address LIKE '沂蒙路１２号３－２０１%' AND normalised_address LIKE '沂蒙路12号3201%' "
                + "AND categories = '{ELDERLY_ALONE,LOW_INCOME}'"));
        assertEquals(1, Fixtures.count("household WHERE community_id = '" + community + "' AND grid_id IS NULL "
                + "AND head_id_number IS NOT NULL AND phone = '0539-8123456'"));

        // the same workbook again: the earlier commit answers, nothing is added
        Response again = post(token, "households", "commit", community, Sheets.XLSX, xlsx);
        again.then().statusCode(200).header("Idempotent-Replayed", "true").body("id", is(commitId));
        Fixtures.as(token).post("/api/v1/imports/" + dryId + "/commit").then().statusCode(200).body("id", is(commitId));
        assertEquals(4, households(community));

        // the same rows saved as GBK CSV by another program: every good row is recognised as already registered
        Response csv = post(token, "households", "commit", community, "text/csv", Sheets.csv(sheet, GBK, false));
        csv.then().statusCode(202);
        Map<String, Object> csvJob = finished(token, csv.path("id"));
        assertEquals("COMMITTED", csvJob.get("state"));
        assertEquals("GB18030", csvJob.get("charset"));
        assertEquals(0, csvJob.get("rowsCommitted"));
        assertEquals(5, csvJob.get("rowsSkipped"));
        assertEquals(4, households(community));
    }

    @Test
    void gbkCsvOfTheSameSheetGetsTheSameReportAndCommitsDirectly() {
        String community = Fixtures.community(Fixtures.COUNTY);
        gridNamed(community, "第一网格");
        String token = Fixtures.countyAdmin(Fixtures.COUNTY);
        List<List<Object>> sheet = countySheet(communityName(community), "第一网格", registeredHeadId(), false);
        byte[] gbk = Sheets.csv(sheet, GBK, false);

        Response dry = post(token, "households", null, community, "text/csv; charset=GBK", gbk);
        dry.then().statusCode(202);
        Map<String, Object> job = finished(token, dry.path("id"));
        assertEquals("VALIDATED", job.get("state"));
        assertEquals(EXPECTED_ISSUES, report(token, dry.path("id")));

        Response commit = post(token, "households", "commit", community, "text/csv", gbk);
        commit.then().statusCode(202);
        Map<String, Object> done = finished(token, commit.path("id"));
        assertEquals(4, done.get("rowsCommitted"));
        assertEquals(4, households(community));

        // the report downloads as CSV and XLSX with the worker's row numbers
        byte[] csvReport = Fixtures.as(token).get("/api/v1/imports/" + dry.path("id") + "/report?format=csv").then()
                .statusCode(200).contentType("text/csv").extract().asByteArray();
        List<List<String>> csv = Sheets.readCsv(csvReport);
        assertEquals(List.of("行号", "列", "代码", "说明", "处理"), csv.get(0));
        assertEquals(9, csv.size());
        assertTrue(csv.stream().anyMatch(r -> r.get(0).equals("4") && r.get(2).equals("INVALID_ID_NUMBER")
                && r.get(3).contains("********")), "the ID number is shown masked");
        byte[] xlsxReport = Fixtures.as(token).get("/api/v1/imports/" + dry.path("id") + "/report?format=xlsx").then()
                .statusCode(200).extract().asByteArray();
        List<List<String>> xlsx = Sheets.readXlsx(xlsxReport);
        assertEquals(9, xlsx.size());
        assertEquals("14", xlsx.get(8).get(0));
    }

    @Test
    void volunteerRosterWithTitleRowDatesAsNumbersAndTextAndFullWidthDigits() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = gridNamed(community, "二网格");
        String token = Fixtures.gridWorker(grid);
        String id1 = Fixtures.idNumber();
        String id2 = Fixtures.idNumber();
        String id3 = Fixtures.idNumber();
        String p1 = Fixtures.phone();
        String p2 = Fixtures.phone();
        String p3 = Fixtures.phone();
        LocalDate b1 = IdNumber.birthDate(id1);
        LocalDate b2 = IdNumber.birthDate(id2);
        LocalDate b3 = IdNumber.birthDate(id3);
        // Excel's serial day number of b2, as a cell whose date format was lost
        long serial2 = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), b2);
        List<List<Object>> rows = List.of(
                row("二网格志愿者花名册（2025年5月）"),
                row("姓名", "手机号", "身份证号", "性别", "出生日期", "技能", "同意登记", "网格", "备注"),
                row(Fixtures.unique("李明"), Long.parseLong(p1), id1, "男", new Sheets.DateCell(b1), "陪伴、理发", "是", "", "日期单元格"),
                row(Fixtures.unique("王芳"), fullWidth(p2), id2, "女", serial2, "医疗，护理", "是", "二网格", "序列号日期"),
                row(Fixtures.unique("张伟"), p3, id3, "", b3.getYear() + "年" + b3.getMonthValue() + "月" + b3.getDayOfMonth() + "日", "", "是", "", "中文日期"),
                row(Fixtures.unique("刘洋"), Fixtures.phone(), 3.71302199001011E17, "", "", "", "是", "", "身份证存成数字"),
                row(Fixtures.unique("陈晨"), Fixtures.phone(), "", "", "", "", "否", "", "未同意"),
                row(Fixtures.unique("杨光"), Fixtures.phone(), Fixtures.idNumber(), "", "1990/1/1", "", "是", "", "生日不符"),
                row(Fixtures.unique("黄河"), Fixtures.phone(), "", "", "", "", "是", "别的网格", "未知网格"),
                row(Fixtures.unique("周周"), p1, "", "", "", "", "是", "", "手机号重复"));
        // a title row merged across the columns above the header, as county sheets often have
        Response dry = post(token, "volunteers", "commit", null, Sheets.XLSX, Sheets.xlsx(rows, new Sheets.Merge(0, 0, 0, 8)));
        dry.then().statusCode(202);
        Map<String, Object> job = finished(token, dry.path("id"));
        assertEquals("COMMITTED", job.get("state"));
        assertEquals(3, job.get("rowsCommitted"));
        assertEquals(Set.of("6 INVALID_ID_NUMBER 身份证号 ERROR", "7 CONSENT_REQUIRED 同意登记 ERROR",
                "8 VALIDATION_FAILED 出生日期 ERROR", "9 UNKNOWN_GRID 网格 ERROR", "10 DUPLICATE_VOLUNTEER null ERROR"),
                report(token, dry.path("id")));
        for (Object[] v : new Object[][] {{p1, b1, "MALE"}, {p2, b2, "FEMALE"}, {p3, b3, null}}) {
            assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + v[0] + "' AND birth_date = '" + v[1]
                    + "' AND grid_id = '" + grid + "' AND community_id = '" + community + "'"
                    + (v[2] == null ? "" : " AND gender = '" + v[2] + "'")), "volunteer " + v[1]);
        }
        assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + p1 + "' AND skills = '{陪伴,理发}'"));
    }

    @Test
    void surveysFromUtf8CsvWithByteOrderMarkFindTheirHouseholdsAndAreNotAddedTwice() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String token = Fixtures.communityAdmin(community);
        String headId = Fixtures.idNumber();
        String name = Fixtures.unique("户主");
        Fixtures.as(token).body(Map.of("communityId", community, "headName", name, "headIdNumber", headId,
                "address", "沂蒙路1号", "memberCount", 1, "categories", List.of("OTHER"))).post("/api/v1/households")
                .then().statusCode(201);
        String name2 = Fixtures.unique("户主");
        Fixtures.as(token).body(Map.of("communityId", community, "headName", name2, "address", "沂蒙路2号",
                "memberCount", 1, "categories", List.of("OTHER"))).post("/api/v1/households").then().statusCode(201);
        List<List<Object>> rows = List.of(
                row("户主身份证号", "户主姓名", "家庭住址", "调查日期", "调查人", "需求类型", "需求详情"),
                row(headId, "", "", "2025-05-18", "王芳", "生活照料", "每周帮助买菜"),
                row("", name2, "沂蒙路 2 号", "2025年5月19日", "王芳", "医疗", "陪同就医"),
                row("", name2, "沂蒙路2号", "2025/5/20", "王芳", "", ""),
                row(Fixtures.idNumber(), "", "", "2025-05-18", "王芳", "医疗", "x"),
                row(headId, "", "", "2025-05-18", "王芳", "理发", "x"),
                row(headId, "", "", "2099-01-01", "王芳", "", ""),
                row(headId, "", "", "2025-05-18", "王芳", "生活照料", "每周帮助买菜"));
        byte[] csv = Sheets.csv(rows, StandardCharsets.UTF_8, true);
        Response first = post(token, "surveys", "commit", community, "text/csv", csv);
        first.then().statusCode(202);
        Map<String, Object> job = finished(token, first.path("id"));
        assertEquals("UTF-8", job.get("charset"));
        assertEquals(3, job.get("rowsCommitted"));
        assertEquals(Set.of("5 UNKNOWN_HOUSEHOLD 户主身份证号 ERROR", "6 VALIDATION_FAILED 需求类型 ERROR",
                "7 VALIDATION_FAILED 调查日期 ERROR", "8 DUPLICATE_SURVEY null ERROR"), report(token, first.path("id")));
        assertEquals(3, Fixtures.count("survey s JOIN household h ON h.id = s.household_id WHERE h.community_id = '"
                + community + "'"));

        // the same surveys typed again into a new file (another sha): all three are recognised
        List<List<Object>> again = new ArrayList<>(rows.subList(0, 4));
        again.add(row("", "", "", "", "", "", ""));
        Response second = post(token, "surveys", "commit", community, "text/csv", Sheets.csv(again, StandardCharsets.UTF_8, false));
        Map<String, Object> job2 = finished(token, second.path("id"));
        assertEquals(0, job2.get("rowsCommitted"));
        assertEquals(3, job2.get("rowsSkipped"));
        assertEquals(3, Fixtures.count("survey s JOIN household h ON h.id = s.household_id WHERE h.community_id = '"
                + community + "'"));
    }

    @Test
    void wrongHeadersAreRefusedNamingMissingAndUnknownOnes() {
        String community = Fixtures.community(Fixtures.COUNTY);
        byte[] file = Sheets.xlsx(List.of(row("户主", "身份证", "住所", "人数"), row("张三", "", "沂蒙路1号", "1")));
        post(Fixtures.communityAdmin(community), "households", "dry-run", community, Sheets.XLSX, file).then()
                .statusCode(422).contentType("application/problem+json").body("code", is("WRONG_TEMPLATE"))
                .body("missingHeaders", is(List.of("家庭住址", "家庭人口")))
                .body("unknownHeaders", is(List.of("身份证", "住所", "人数")));
        byte[] empty = Sheets.csv(List.of(row("", ""), row("", "")), StandardCharsets.UTF_8, false);
        post(Fixtures.communityAdmin(community), "volunteers", "dry-run", community, "text/csv", empty).then()
                .statusCode(422).body("code", is("UNREADABLE_FILE"));
    }

    @Test
    void otherFileTypesAreRefusedWith415AndBrokenOnesWith422() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String token = Fixtures.communityAdmin(community);
        post(token, "households", "dry-run", community, "text/plain", "户主姓名\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(415).body("code", is("UNSUPPORTED_FILE_TYPE"));
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        post(token, "households", "dry-run", community, "application/vnd.ms-excel", xls).then().statusCode(415)
                .body("code", is("UNSUPPORTED_FILE_TYPE"));
        post(token, "households", "dry-run", community, Sheets.XLSX, "not a zip".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(422).body("code", is("UNREADABLE_FILE"));
        byte[] truncated = Arrays.copyOf(Sheets.xlsx(List.of(HOUSEHOLD_HEADER)), 200);
        post(token, "households", "dry-run", community, Sheets.XLSX, truncated).then().statusCode(422)
                .body("code", is("UNREADABLE_FILE"));
        post(token, "pets", "dry-run", community, "text/csv", "a\n".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(422).body("code", is("VALIDATION_FAILED"));
    }

    @Test
    void fileOverTheLimitIsRefusedWith413() {
        String community = Fixtures.community(Fixtures.COUNTY);
        byte[] big = new byte[21 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        post(Fixtures.communityAdmin(community), "households", "dry-run", community, "text/csv", big).then()
                .statusCode(413).body("code", is("FILE_TOO_LARGE"));
    }

    @Test
    void otherRequestsKeepTheOneMegabyteBodyLimit() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String padding = "x".repeat(1024 * 1024 + 10);
        Fixtures.as(Fixtures.cityAdmin()).body("{\"communityId\":\"" + community + "\",\"headName\":\"" + padding + "\"}")
                .post("/api/v1/households").then().statusCode(413).body("code", is("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void workerCannotImportIntoAnotherCommunityNorOutsideTheirGrid() {
        String mine = Fixtures.community(Fixtures.COUNTY);
        String other = Fixtures.community(Fixtures.COUNTY);
        byte[] file = Sheets.csv(List.of(HOUSEHOLD_HEADER), StandardCharsets.UTF_8, false);
        post(Fixtures.communityAdmin(mine), "households", "dry-run", other, "text/csv", file).then().statusCode(403);
        post(Fixtures.countyAdmin("371311"), "households", "dry-run", mine, "text/csv", file).then().statusCode(403);
        post(TestTokens.volunteer(), "households", "dry-run", mine, "text/csv", file).then().statusCode(403);

        String own = gridNamed(mine, "甲网格");
        gridNamed(mine, "乙网格");
        String worker = Fixtures.gridWorker(own);
        post(worker, "households", "dry-run", other, "text/csv", file).then().statusCode(403);
        byte[] rows = Sheets.csv(List.of(HOUSEHOLD_HEADER,
                row(1, "", "", Fixtures.unique("甲"), "", "", Fixtures.unique("路"), "1", "低保"),
                row(2, "", "乙网格", Fixtures.unique("乙"), "", "", Fixtures.unique("路"), "1", "低保")),
                StandardCharsets.UTF_8, false);
        Response r = post(worker, "households", "commit", null, "text/csv", rows);
        Map<String, Object> job = finished(worker, r.path("id"));
        assertEquals(1, job.get("rowsCommitted"));
        assertEquals(Set.of("3 FORBIDDEN 网格 ERROR"), report(worker, r.path("id")));
        assertEquals(1, Fixtures.count("household WHERE grid_id = '" + own + "'"));
        // another community's admin cannot read the job
        Fixtures.as(Fixtures.communityAdmin(other)).get("/api/v1/imports/" + r.path("id")).then().statusCode(403);
    }

    @Test
    void templatesDownloadWithChineseHeaders() {
        String token = Fixtures.cityAdmin();
        byte[] xlsx = Fixtures.as(token).get("/api/v1/imports/templates/households?format=xlsx").then().statusCode(200)
                .contentType(Sheets.XLSX).extract().asByteArray();
        assertEquals(Template.HOUSEHOLDS.headers(), Sheets.readXlsx(xlsx).get(0));
        byte[] csv = Fixtures.as(token).get("/api/v1/imports/templates/volunteers?format=csv").then().statusCode(200)
                .extract().asByteArray();
        assertEquals((byte) 0xEF, csv[0], "UTF-8 with a byte-order mark, for Excel");
        assertEquals(List.of("社区", "网格", "姓名", "手机号", "身份证号", "性别", "出生日期", "技能", "同意登记"),
                Sheets.readCsv(csv).get(0));
        byte[] surveys = Fixtures.as(token).get("/api/v1/imports/templates/surveys").then().statusCode(200).extract()
                .asByteArray();
        assertEquals(Template.SURVEYS.headers(), Sheets.readXlsx(surveys).get(0));
        Fixtures.as(token).get("/api/v1/imports/templates/pets").then().statusCode(422);
    }
}
