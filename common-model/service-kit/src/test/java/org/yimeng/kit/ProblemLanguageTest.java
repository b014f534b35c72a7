package org.yimeng.kit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Problem titles, details and violation messages follow Accept-Language (zh-CN by default, the kit's
 * {@code kit.language.default}); codes never change. The services' own words are tested in the services.
 */
@QuarkusTest
class ProblemLanguageTest {
    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestStack.token("CITY_ADMIN")).contentType(ContentType.JSON);
    }

    private static boolean chinese(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @Test
    void unknownPathInTheDefaultChineseAndInEnglish() {
        asAdmin().get("/api/v1/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("title", equalTo("未找到")).body("detail", equalTo("/api/v1/no-such-thing 没有对应的资源"));
        asAdmin().header("Accept-Language", "en").get("/api/v1/no-such-thing").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("title", equalTo("Not found"));
    }

    @Test
    void aThingWithoutChineseWordsOfItsOwnGetsTheCodesGenericDetail() {
        UUID id = UUID.randomUUID();
        asAdmin().header("Accept-Language", "zh-CN").get("/test/kit/effects/" + id).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("title", equalTo("未找到"))
                .body("detail", equalTo("未找到所请求的资源"));
        asAdmin().header("Accept-Language", "en").get("/test/kit/effects/" + id).then().statusCode(404)
                .body("detail", equalTo("ProbeEffect " + id + " not found"));
    }

    @Test
    void validationViolationsInChineseAndEnglish() {
        String bad = "{\"label\":\"\",\"amountFen\":0,\"channel\":\"CASH\"}";
        JsonPath zh = asAdmin().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").body(bad).post("/test/kit/effects")
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("title", equalTo("请求未通过校验"))
                .body("violations.field", hasItem("label")).body("violations.field", hasItem("amountFen"))
                .extract().jsonPath();
        assertTrue(chinese(zh.getString("detail")), zh.prettify());
        List<String> messages = zh.getList("violations.message");
        assertTrue(messages.stream().allMatch(ProblemLanguageTest::chinese), zh.prettify());

        JsonPath en = asAdmin().header("Accept-Language", "en-GB").body(bad).post("/test/kit/effects").then()
                .statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("title", equalTo("Validation failed"))
                .extract().jsonPath();
        assertTrue(en.getList("violations.message", String.class).stream().noneMatch(ProblemLanguageTest::chinese),
                en.prettify());
    }

    @Test
    void unauthenticatedInChineseAndEnglish() {
        given().header("Accept-Language", "zh-CN").get("/test/kit/effects").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("title", equalTo("需要登录认证"))
                .body("detail", equalTo("需要有效的访问令牌"));
        given().header("Accept-Language", "en").get("/test/kit/effects").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED")).body("title", equalTo("Authentication required"))
                .body("detail", equalTo("A valid bearer token is required"));
    }
}
