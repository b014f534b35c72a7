package org.yimeng.volunteer;

import static io.restassured.RestAssured.given;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.yimeng.local.TestStack;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.identity.IdNumber;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Builders for API tests. Tests share one database, so every fixture gets unique names, phones and ID numbers,
 * and each test works in communities it created itself.
 */
public final class Fixtures {
    public static final String COUNTY = "371302";

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String cityAdmin() {
        return TestStack.token("CITY_ADMIN");
    }

    public static String countyAdmin(String county) {
        return TestStack.token("COUNTY_ADMIN", Map.of("county", county));
    }

    public static String communityAdmin(String communityId) {
        return TestStack.token("COMMUNITY_ADMIN", Map.of("community", communityId));
    }

    public static String gridWorker(String gridId) {
        return TestStack.token("GRID_WORKER", Map.of("grid", gridId));
    }

    public static String volunteerToken(String volunteerId) {
        return TestStack.token("VOLUNTEER", Map.of("volunteer", volunteerId));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String phone() {
        return "1" + (3 + ThreadLocalRandom.current().nextInt(7))
                + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    /** A valid resident ID number with a random birth date and sequence. */
    public static String idNumber() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(18_000));
        String body = "371302" + birth.toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return body + IdNumber.checkChar(body);
    }

    /**
     * The service's business date: its configured zone and its clock, which a test may have moved
     * ({@code TestClocks}), so that a date a test sends agrees with the day the service thinks it is.
     */
    public static LocalDate today() {
        return Arc.container().instance(BusinessClock.class).get().today();
    }

    public static String community(String county) {
        return as(cityAdmin()).body(Map.of("countyCode", county, "name", unique("社区"), "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(201).extract().path("id");
    }

    public static String grid(String communityId) {
        return as(cityAdmin()).body(Map.of("name", unique("网格")))
                .post("/api/v1/communities/" + communityId + "/grids").then().statusCode(201).extract().path("id");
    }

    public static String volunteer(String communityId, String gridId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("志愿者"), "phone", phone(),
                "communityId", communityId, "skills", java.util.List.of("陪伴"), "consent", true));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        return as(cityAdmin()).body(body).post("/api/v1/volunteers").then().statusCode(201).extract().path("id");
    }

    public static String household(String communityId, String gridId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("communityId", communityId, "headName", unique("户主"),
                "address", unique("沂蒙路"), "memberCount", 2, "categories", java.util.List.of("ELDERLY_ALONE")));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        return as(cityAdmin()).body(body).post("/api/v1/households").then().statusCode(201).extract().path("id");
    }

    public static String pairing(String householdId, String a, String b) {
        return as(cityAdmin()).body(Map.of("householdId", householdId, "volunteerIds", java.util.List.of(a, b)))
                .post("/api/v1/pairings").then().statusCode(201).extract().path("id");
    }

    public static long count(String fromWhere) {
        try (var c = TestStack.superuser(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text. */
    public static String sqlText(String query) {
        try (var c = TestStack.superuser(); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sql(String statement) {
        try (var c = TestStack.superuser(); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
