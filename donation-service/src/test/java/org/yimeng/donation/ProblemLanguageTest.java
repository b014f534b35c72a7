package org.yimeng.donation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Problem titles, details and violation messages follow Accept-Language (zh-CN by default); codes never change. */
@QuarkusTest
class ProblemLanguageTest {
    @Inject
    ObjectMapper mapper;

    private static boolean chinese(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    void notFoundInChineseAndEnglishAndChineseByDefault() {
        UUID id = UUID.randomUUID();
        given().header("Accept-Language", "zh-CN").get("/public/v1/communities/" + id + "/fund").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("title", equalTo("未找到")).body("detail", equalTo("未找到社区 " + id));
        given().header("Accept-Language", "en-US,en;q=0.9").get("/public/v1/communities/" + id + "/fund").then()
                .statusCode(404).body("code", equalTo("NOT_FOUND")).body("title", equalTo("Not found"))
                .body("detail", equalTo("Community " + id + " not found"));
        given().get("/public/v1/communities/" + id + "/fund").then().statusCode(404).body("title", equalTo("未找到"));
    }

    @Test
    void validationViolationsInChineseAndEnglish() {
        String body = "{\"communityId\":\"" + UUID.randomUUID() + "\",\"amountFen\":100,\"channel\":\"CASH\","
                + "\"donorPhone\":\"123\"}";
        JsonPath zh = as("COLLECTOR").header("Accept-Language", "zh-CN").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/api/v1/donations").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("title", equalTo("请求未通过校验")).body("violations[0].field", equalTo("donorPhone"))
                .body("violations[0].message", equalTo("须为 11 位手机号")).extract().jsonPath();
        assertTrue(chinese(zh.getString("detail")), zh.prettify());
        as("COLLECTOR").header("Accept-Language", "en").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/api/v1/donations").then().statusCode(422).body("title", equalTo("Validation failed"))
                .body("violations[0].message", equalTo("must be an 11-digit mobile number"));
    }

    @Test
    void aDomainConflictInChineseAndEnglish() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String entryId = Fixtures.donateTo(community, 800).path("entryId");
        as("FINANCE").body("{\"reason\":\"重复录入\"}").post("/api/v1/ledger/entries/" + entryId + "/reversal").then()
                .statusCode(201);
        as("FINANCE").header("Accept-Language", "zh-CN").body("{\"reason\":\"重复录入\"}")
                .post("/api/v1/ledger/entries/" + entryId + "/reversal").then().statusCode(409)
                .body("code", equalTo("ALREADY_REVERSED")).body("title", equalTo("该笔已冲正"))
                .body("detail", equalTo("账目 " + entryId + " 已经冲正过"));
        as("FINANCE").header("Accept-Language", "en").body("{\"reason\":\"重复录入\"}")
                .post("/api/v1/ledger/entries/" + entryId + "/reversal").then().statusCode(409)
                .body("code", equalTo("ALREADY_REVERSED")).body("title", equalTo("Entry already reversed"))
                .body("detail", equalTo("Entry " + entryId + " is already reversed"));
    }

    @Test
    void unauthenticatedInChineseAndEnglish() {
        given().header("Accept-Language", "zh").get("/api/v1/ledger/entries").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("title", equalTo("需要登录认证"));
        given().header("Accept-Language", "en").get("/api/v1/ledger/entries").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("title", equalTo("Authentication required"))
                .body("detail", equalTo("A valid bearer token is required"));
    }
}
