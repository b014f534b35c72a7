package org.yimeng.volunteer.certificate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Engagement.serve;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Certificates of service: issued to the volunteer and staff, verifiable by anyone without personal numbers. */
@QuarkusTest
class CertificateApiTest {
    private static final String COUNTY = "371325";

    @Test
    void certificateCarriesServiceAndIsVerifiedPubliclyWithoutIdOrPhone() {
        String community = Fixtures.community(COUNTY);
        String phone = Fixtures.phone();
        String idNumber = Fixtures.idNumber();
        Map<String, Object> body = new HashMap<>(Map.of("name", Fixtures.unique("张三"), "phone", phone,
                "idNumber", idNumber, "communityId", community, "skills", List.of("陪伴"), "consent", true));
        String v = as(cityAdmin()).body(body).post("/api/v1/volunteers").then().statusCode(201).extract().path("id");
        LocalDate day = Fixtures.today().minusDays(1);
        serve(community, v, at(day, 9, 0), at(day, 10, 30));

        var cert = as(volunteerToken(v)).get("/api/v1/volunteers/" + v + "/certificate").then().statusCode(200)
                .body("totalMinutes", equalTo(90)).body("recordCount", equalTo(1)).body("records", hasSize(1))
                .body("records[0].minutes", equalTo(90)).body("records[0].serviceDate", equalTo(day.toString()))
                .body("recordingOrganisation", containsString("费县"))
                .body("volunteer.id", equalTo(v))
                .body("volunteer.idNumber", not(equalTo(idNumber)))
                .body("verificationCode", matchesPattern("[0-9A-HJKMNP-TV-Z]{16}")).extract();
        String code = cert.path("verificationCode");
        // nothing new: the same certificate
        as(cityAdmin()).get("/api/v1/volunteers/" + v + "/certificate").then().body("verificationCode", equalTo(code));

        given().get("/public/v1/certificates/" + code).then().statusCode(200)
                .body("totalMinutes", equalTo(90)).body("verificationCode", equalTo(code))
                .body("volunteer.idNumber", nullValue()).body("volunteer.id", nullValue())
                .body(not(containsString(phone))).body(not(containsString(idNumber)))
                .body(not(containsString(idNumber.substring(14))));
        given().get("/public/v1/certificates/" + code.toLowerCase()).then().statusCode(200);
        given().get("/public/v1/certificates/0000000000000000").then().statusCode(404)
                .body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        given().get("/public/v1/certificates/'; DROP TABLE x").then().statusCode(404);

        // new service, new certificate; the old code still verifies its own snapshot
        serve(community, v, at(day, 14, 0), at(day, 15, 0));
        String second = as(volunteerToken(v)).get("/api/v1/volunteers/" + v + "/certificate").then()
                .body("totalMinutes", equalTo(150)).extract().path("verificationCode");
        assertNotEquals(code, second);
        given().get("/public/v1/certificates/" + code).then().body("totalMinutes", equalTo(90));

        String other = Fixtures.volunteer(community, null);
        as(volunteerToken(other)).get("/api/v1/volunteers/" + v + "/certificate").then().statusCode(403);
        as(cityAdmin()).get("/api/v1/volunteers/" + java.util.UUID.randomUUID() + "/certificate").then().statusCode(404);
        assertEquals(2, Fixtures.count("certificate WHERE volunteer_id = '" + v + "'"));
    }

    @Test
    void certificateForAVolunteerWithoutServiceRecordsIs422AndIssuesNoCode() {
        String community = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(community, null);
        as(cityAdmin()).get("/api/v1/volunteers/" + v + "/certificate").then().statusCode(422)
                .contentType(containsString("application/problem+json")).body("code", equalTo("NO_SERVICE_RECORDS"));
        as(volunteerToken(v)).get("/api/v1/volunteers/" + v + "/certificate").then().statusCode(422);
        assertEquals(0, Fixtures.count("certificate WHERE volunteer_id = '" + v + "'"));
    }
}
