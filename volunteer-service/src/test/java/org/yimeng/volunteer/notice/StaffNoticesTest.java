package org.yimeng.volunteer.notice;

import static org.hamcrest.Matchers.equalTo;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Fixtures.as;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Staff hear, in their own inbox by token subject, of the appeals, claims and fulfilments that concern them. */
@QuarkusTest
class StaffNoticesTest {

    @Test
    void theWorkerWhoRecordedAWishHearsOfItsClaimAndItsFulfilment() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String sub = Fixtures.unique("worker");
        String worker = TestStack.token("GRID_WORKER", Map.of("grid", grid, "sub", sub));
        String household = Fixtures.household(community, grid);
        String wish = as(worker).body(Map.of("title", "一副老花镜（300度）", "description", "看报用", "estimatedCostFen", 5000))
                .post("/api/v1/households/" + household + "/wishes").then().statusCode(201).extract().path("id");
        String v = Fixtures.volunteer(community, grid);
        as(Fixtures.volunteerToken(v)).body(Map.of()).post("/api/v1/wishes/" + wish + "/claim").then().statusCode(200);

        as(worker).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(1))
                .body("items[0].kind", equalTo("WISH_UPDATE")).body("items[0].subjectId", equalTo(wish))
                .body("items[0].body", equalTo("微心愿「一副老花镜（300度）」已被志愿者认领。"));
        as(worker).body(Map.of("fulfilledOn", Fixtures.today().toString(), "note", "已送到"))
                .post("/api/v1/wishes/" + wish + "/fulfil").then().statusCode(200);
        as(worker).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(2))
                .body("items[0].title", equalTo("心愿已实现"));
    }

    @Test
    void theActivitysCreatorHearsOfAnAppealFiled() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        String sub = Fixtures.unique("organiser");
        String organiser = TestStack.token("COMMUNITY_ADMIN", Map.of("community", community, "sub", sub));
        LocalDate day = Fixtures.today().minusDays(1);
        String past = as(organiser).body(Engagement.activityBody(community, "REGULAR", at(day, 14, 0), at(day, 15, 0), 5,
                List.of())).post("/api/v1/activities").then().statusCode(201).extract().path("id");
        Engagement.signUp(past, v).then().statusCode(201);
        as(Fixtures.volunteerToken(v)).body(Map.of("activityId", past, "checkedInAt", at(day, 14, 0).toString(),
                "checkedOutAt", at(day, 15, 0).toString(), "reason", "忘记签到签退")).post("/api/v1/me/attendance-appeals")
                .then().statusCode(201);

        as(organiser).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(1))
                .body("items[0].kind", equalTo("APPEAL_FILED"));
    }
}
