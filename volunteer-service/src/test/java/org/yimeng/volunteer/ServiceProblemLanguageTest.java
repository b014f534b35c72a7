package org.yimeng.volunteer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The service's own words in problems (things it names, its rules' fields, its conflicts) follow Accept-Language;
 * the kit's ProblemLanguageTest covers the mechanism itself (default language, unknown paths, tokens).
 */
@QuarkusTest
class ServiceProblemLanguageTest {

    private static boolean chinese(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    void notFoundInChineseAndEnglish() {
        UUID id = UUID.randomUUID();
        as(cityAdmin()).header("Accept-Language", "zh-CN").get("/api/v1/households/" + id).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("title", equalTo("未找到"))
                .body("detail", equalTo("未找到困难家庭 " + id));
        as(cityAdmin()).header("Accept-Language", "en").get("/api/v1/households/" + id).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("title", equalTo("Not found"))
                .body("detail", equalTo("Household " + id + " not found"));
    }

    @Test
    void validationViolationsInChineseAndEnglish() {
        Map<String, Object> bad = Map.of("name", "", "phone", "12345", "communityId", Fixtures.community(Fixtures.COUNTY),
                "consent", true);
        JsonPath zh = as(cityAdmin()).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").body(bad)
                .post("/api/v1/volunteers").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("title", equalTo("请求未通过校验")).body("violations.field", hasItem("phone"))
                .body("violations.field", hasItem("name")).extract().jsonPath();
        assertTrue(chinese(zh.getString("detail")), zh.prettify());
        List<String> messages = zh.getList("violations.message");
        assertTrue(messages.stream().allMatch(ServiceProblemLanguageTest::chinese), zh.prettify());
        assertTrue(messages.contains("须为 11 位手机号"), zh.prettify());

        JsonPath en = as(cityAdmin()).header("Accept-Language", "en-GB").body(bad).post("/api/v1/volunteers").then()
                .statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("title", equalTo("Validation failed"))
                .extract().jsonPath();
        assertTrue(en.getList("violations.message", String.class).contains("must be an 11-digit mobile number"),
                en.prettify());
        assertTrue(en.getList("violations.message", String.class).stream().noneMatch(ServiceProblemLanguageTest::chinese),
                en.prettify());
    }

    @Test
    void aRuleOfTheServiceNamesItsFieldInChinese() {
        Map<String, Object> body = Map.of("name", Fixtures.unique("李"), "phone", Fixtures.phone(), "idNumber",
                "37130219900101123", "communityId", Fixtures.community(Fixtures.COUNTY), "consent", true);
        as(cityAdmin()).header("Accept-Language", "zh").body(body).post("/api/v1/volunteers").then().statusCode(422)
                .body("code", equalTo("INVALID_ID_NUMBER")).body("title", equalTo("身份证号无效"))
                .body("detail", equalTo("idNumber：须为 18 位")).body("violations[0].field", equalTo("idNumber"))
                .body("violations[0].message", equalTo("须为 18 位"));
        as(cityAdmin()).header("Accept-Language", "en").body(body).post("/api/v1/volunteers").then().statusCode(422)
                .body("title", equalTo("Invalid resident ID number"))
                .body("violations[0].message", equalTo("must have 18 characters"));
    }

    @Test
    void aDomainConflictInChineseAndEnglish() {
        String community = Fixtures.community(Fixtures.COUNTY);
        Map<String, Object> h = Map.of("communityId", community, "headName", "孙大娘", "address", "沂蒙路9号",
                "memberCount", 1, "categories", List.of("ELDERLY_ALONE"));
        as(cityAdmin()).body(h).post("/api/v1/households").then().statusCode(201);
        JsonPath zh = as(cityAdmin()).header("Accept-Language", "zh-CN").body(h).post("/api/v1/households").then()
                .statusCode(409).body("code", equalTo("DUPLICATE_HOUSEHOLD")).body("title", equalTo("困难家庭重复"))
                .extract().jsonPath();
        assertTrue(chinese(zh.getString("detail")), zh.prettify());
        as(cityAdmin()).header("Accept-Language", "en;q=0.9, zh;q=0.1").body(h).post("/api/v1/households").then()
                .statusCode(409).body("code", equalTo("DUPLICATE_HOUSEHOLD")).body("title", equalTo("Duplicate household"))
                .body("detail", containsString("address"));
    }
}
