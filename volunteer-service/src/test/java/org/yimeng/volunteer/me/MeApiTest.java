package org.yimeng.volunteer.me;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.identity.IdNumber;

import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MeApiTest {

    private static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    private static String wish(String household) {
        return as(cityAdmin()).body(Map.of("title", "买米", "description", "一袋米"))
                .post("/api/v1/households/" + household + "/wishes").then().statusCode(201).extract().path("id");
    }

    private static String futureActivity(String community) {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return as(cityAdmin()).body(Map.of("communityId", community, "kind", "REGULAR", "title", "义诊", "place", "广场",
                "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString(), "capacity", 10,
                "skills", List.of())).post("/api/v1/activities").then().statusCode(201).extract().path("id");
    }

    /** A confirmed record of 60 minutes a week ago (the recording rules are not under test here). */
    private static void serviceLastWeek(String volunteer, String community) {
        Fixtures.sql("INSERT INTO service_record (id, volunteer_id, source_kind, source_id, community_id, service_date, "
                + "minutes, place, content, confirmed_by, confirmed_at, created_at) VALUES (gen_random_uuid(), '"
                + volunteer + "', 'VISIT', gen_random_uuid(), '" + community + "', DATE '"
                + Fixtures.today().minusWeeks(1) + "', 60, '社区', '走访', 'test', now(), now())");
    }

    @Test
    void residentRegistersThemselfReadsMeAndASecondResidentSeesNoneOfIt() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String sub = Residents.sub();
        String phone = Fixtures.phone();
        String token = Residents.token(sub, phone);
        as(token).get("/api/v1/me").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_REGISTERED"));

        Map<String, Object> body = Residents.body(community, "赵敏");
        body.put("gridId", grid);
        Response created = as(token).body(body).post("/api/v1/me/volunteer");
        created.then().statusCode(201).body("name", equalTo("赵敏")).body("phone", equalTo(masked(phone)))
                .body("communityId", equalTo(community)).body("gridId", equalTo(grid)).body("status", equalTo("ACTIVE"));
        String me = created.path("id");

        // what the resident takes on: a pairing served, a wish claimed for myself, an activity signed up for
        String household = Fixtures.household(community, grid);
        String address = as(cityAdmin()).get("/api/v1/households/" + household).path("address");
        String pairing = Fixtures.pairing(household, me, Fixtures.volunteer(community, grid));
        String wish = wish(Fixtures.household(community, grid));
        as(token).body("{}").post("/api/v1/wishes/" + wish + "/claim").then().statusCode(200)
                .body("status", equalTo("CLAIMED")).body("claimantId", equalTo(me));
        String activity = futureActivity(community);
        // a linked resident acts as that volunteer wherever a volunteer may
        as(token).body(Map.of("volunteerId", me)).post("/api/v1/activities/" + activity + "/signups").then()
                .statusCode(201);
        as(token).get("/api/v1/volunteers/" + me).then().statusCode(200).body("id", equalTo(me));
        serviceLastWeek(me, community);
        as(cityAdmin()).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 60, "volunteerIds", List.of(me)))
                .post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);

        Response read = as(token).get("/api/v1/me");
        read.then().statusCode(200).body("volunteer.id", equalTo(me)).body("volunteer.phone", equalTo(masked(phone)))
                .body("totalMinutes", equalTo(120)).body("weekMinutes", equalTo(60))
                .body("weekRemainingMinutes", equalTo(0)).body("weeklyGoalMet", equalTo(true))
                .body("goalStreakWeeks", equalTo(2)).body("starLevel", equalTo(0))
                .body("upcomingSignups", hasSize(1)).body("upcomingSignups[0].activityId", equalTo(activity))
                .body("pairings", hasSize(1)).body("pairings[0].pairingId", equalTo(pairing))
                .body("pairings[0].address", equalTo(address))
                .body("pairings[0].lastVisitedOn", equalTo(Fixtures.today().toString()))
                .body("claimedWishes", hasSize(1)).body("claimedWishes[0].wishId", equalTo(wish))
                .body("claimedWishes[0].householdAddress", notNullValue());
        assertFalse(read.asString().contains(phone), "no full phone: " + read.asString());
        assertTrue(Fixtures.count("audit_event WHERE actor = '" + sub + "' AND action = 'READ' AND entity_id = '" + me
                + "'") >= 1, "the read of my own record is audited");
        assertTrue(Fixtures.count("audit_event WHERE actor = '" + sub + "' AND action = 'LIST' AND entity_type = "
                + "'HOUSEHOLD' AND '" + household + "' = ANY (entity_ids)") >= 1, "the household address shown is audited");

        // a second resident, of another community, reaches nothing of the first from any /me operation or by id
        String other = Residents.registered(Fixtures.community(Fixtures.COUNTY));
        StringBuilder seen = new StringBuilder();
        seen.append(as(other).get("/api/v1/me").then().statusCode(200).extract().asString());
        seen.append(as(other).get("/api/v1/me/wishes").then().statusCode(200).extract().asString());
        // no service records yet: no certificate either (422 NO_SERVICE_RECORDS), and nothing of the first
        seen.append(as(other).get("/api/v1/me/certificate").then().statusCode(422)
                .body("code", equalTo("NO_SERVICE_RECORDS")).extract().asString());
        seen.append(as(other).body(Map.of("skills", List.of("理发"))).patch("/api/v1/me").then().statusCode(200)
                .extract().asString());
        for (String leak : List.of(me, "赵敏", household, address, wish, pairing, activity, masked(phone))) {
            assertFalse(seen.toString().contains(leak), "the second resident saw " + leak + ": " + seen);
        }
        as(other).get("/api/v1/volunteers/" + me).then().statusCode(403);
        as(other).get("/api/v1/wishes/" + wish).then().statusCode(403);
        as(other).post("/api/v1/wishes/" + wish + "/unclaim").then().statusCode(403);
        as(other).body(Map.of("fulfilledOn", Fixtures.today().toString(), "note", "送到")).post("/api/v1/wishes/" + wish
                + "/fulfil").then().statusCode(403);
        as(other).get("/api/v1/volunteers/" + me + "/service-records").then().statusCode(403);
        as(token).get("/api/v1/me").then().statusCode(200).body("claimedWishes", hasSize(1))
                .body("volunteer.skills", equalTo(List.of("陪伴")));
    }

    @Test
    void aWorkersRecordOfTheSamePhoneIsLinkedNotDuplicatedAndKeepsWhatTheWorkerEntered() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String phone = Fixtures.phone();
        String worker = as(cityAdmin()).body(Map.of("name", "王芳", "phone", phone, "communityId", community,
                "skills", List.of("理发"), "consent", true)).post("/api/v1/volunteers").then().statusCode(201)
                .extract().path("id");
        String id = "37130219900101" + "202";
        id = id + IdNumber.checkChar(id);
        Map<String, Object> body = Residents.body(community, "王小芳");
        body.put("idNumber", id);
        body.put("gridId", grid);
        body.put("skills", List.of("陪伴"));
        String token = Residents.token(Residents.sub(), phone);
        as(token).body(body).post("/api/v1/me/volunteer").then().statusCode(200).body("id", equalTo(worker))
                .body("name", equalTo("王芳")).body("skills", equalTo(List.of("理发"))).body("gridId", equalTo(grid))
                .body("birthDate", equalTo("1990-01-01")).body("gender", equalTo("FEMALE"))
                .body("idNumber", equalTo("371302********" + id.substring(14)));
        assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + phone + "'"));
        as(token).body(body).post("/api/v1/me/volunteer").then().statusCode(409).body("code", equalTo("ALREADY_REGISTERED"));
        as(token).get("/api/v1/me").then().statusCode(200).body("volunteer.id", equalTo(worker));
    }

    @Test
    void anIdNumberOfAnotherPhoneIs409RevealingNothingOfThatRecord() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String id = Fixtures.idNumber();
        String otherPhone = Fixtures.phone();
        String holder = as(cityAdmin()).body(Map.of("name", "孙丽", "phone", otherPhone, "idNumber", id, "communityId",
                community, "skills", List.of(), "consent", true)).post("/api/v1/volunteers").then().statusCode(201)
                .extract().path("id");
        String phone = Fixtures.phone();
        Map<String, Object> body = Residents.body(community, "冒名");
        body.put("idNumber", id);
        Response r = as(Residents.token(Residents.sub(), phone)).body(body).post("/api/v1/me/volunteer");
        r.then().statusCode(409).contentType("application/problem+json").body("code", equalTo("DUPLICATE_VOLUNTEER"))
                .body("existingId", nullValue());
        for (String leak : List.of(holder, "孙丽", otherPhone, masked(otherPhone))) {
            assertFalse(r.asString().contains(leak), "revealed " + leak + ": " + r.asString());
        }
        assertEquals(0, Fixtures.count("volunteer WHERE phone = '" + phone + "'"));
    }

    @Test
    void thePhoneComesFromAVerifiedTokenOnly() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String phone = Fixtures.phone();
        Map<String, Object> withPhone = Residents.body(community, "钱多");
        withPhone.put("phone", Fixtures.phone());
        as(Residents.token(Residents.sub(), phone)).body(withPhone).post("/api/v1/me/volunteer").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("violations[0].field", equalTo("phone"));
        as(Residents.token(Residents.sub(), phone, Map.of("phone_number_verified", "false")))
                .body(Residents.body(community, "钱多")).post("/api/v1/me/volunteer").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("PHONE_NOT_VERIFIED"));
        String noPhone = TestStack.tokens().mint(Residents.sub(), "RESIDENT", Map.of(), Duration.ofHours(1));
        as(noPhone).body(Residents.body(community, "钱多")).post("/api/v1/me/volunteer").then().statusCode(403)
                .body("code", equalTo("PHONE_NOT_VERIFIED"));
        Map<String, Object> noConsent = Residents.body(community, "钱多");
        noConsent.put("consent", false);
        as(Residents.token(Residents.sub(), phone)).body(noConsent).post("/api/v1/me/volunteer").then().statusCode(422)
                .body("code", equalTo("CONSENT_REQUIRED"));
        as(Residents.token(Residents.sub(), phone)).body(Residents.body("00000000-0000-7000-8000-000000000000", "钱多"))
                .post("/api/v1/me/volunteer").then().statusCode(422).body("code", equalTo("UNKNOWN_COMMUNITY"));
        assertEquals(0, Fixtures.count("volunteer WHERE phone = '" + phone + "'"), "nothing written");
        // a staff token, and an unverified resident acting as a volunteer elsewhere, are refused
        as(cityAdmin()).body(Residents.body(community, "钱多")).post("/api/v1/me/volunteer").then().statusCode(403);
        as(Residents.token(Residents.sub(), phone, Map.of("phone_number_verified", "false"))).get("/api/v1/me")
                .then().statusCode(403).body("code", equalTo("PHONE_NOT_VERIFIED"));
    }

    @Test
    void anIdempotencyKeyReplaysTheRegistrationAndIsTheResidentsOwn() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String key = "reg-" + Fixtures.unique("k");
        Map<String, Object> body = Residents.body(community, "周到");
        String token = Residents.token(Residents.sub(), Fixtures.phone());
        String id = as(token).header("Idempotency-Key", key).body(body).post("/api/v1/me/volunteer").then()
                .statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", key).body(body).post("/api/v1/me/volunteer").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        String another = as(Residents.token(Residents.sub(), Fixtures.phone())).header("Idempotency-Key", key).body(body)
                .post("/api/v1/me/volunteer").then().statusCode(201).extract().path("id");
        assertNotEquals(id, another, "another resident's same key is another registration");
    }

    @Test
    void aVolunteerChangesOnlyTheirNameGridAndSkills() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String token = Residents.registered(community);
        as(token).body(Map.of("name", "新名字", "gridId", grid, "skills", List.of("理发", "理发", "做饭"))).patch("/api/v1/me")
                .then().statusCode(200).body("name", equalTo("新名字")).body("gridId", equalTo(grid))
                .body("skills", equalTo(List.of("理发", "做饭")));
        as(token).body(Map.of("gridId", Fixtures.grid(Fixtures.community(Fixtures.COUNTY)))).patch("/api/v1/me").then()
                .statusCode(422).body("code", equalTo("UNKNOWN_GRID"));
        as(token).body(Map.of("name", "  ")).patch("/api/v1/me").then().statusCode(422);
        as(token).get("/api/v1/me").then().body("volunteer.name", equalTo("新名字")).body("volunteer.gridId", equalTo(grid));
        String unregistered = Residents.token(Residents.sub(), Fixtures.phone());
        as(unregistered).body(Map.of("name", "某人")).patch("/api/v1/me").then().statusCode(404)
                .body("code", equalTo("NOT_REGISTERED"));
        as(unregistered).get("/api/v1/me/certificate").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        as(unregistered).get("/api/v1/me/wishes").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        as(unregistered).post("/api/v1/me/withdraw").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
    }

    @Test
    void withdrawingConsentErasesThePersonKeepsTheHoursAndUnlinksTheAccount() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String sub = Residents.sub();
        String phone = Fixtures.phone();
        String token = Residents.token(sub, phone);
        String me = as(token).body(Residents.body(community, "吴用")).post("/api/v1/me/volunteer").then().statusCode(201)
                .extract().path("id");
        serviceLastWeek(me, community);
        String wish = wish(Fixtures.household(community, null));
        as(token).body("{}").post("/api/v1/wishes/" + wish + "/claim").then().statusCode(200);
        String activity = futureActivity(community);
        as(token).body(Map.of("volunteerId", me)).post("/api/v1/activities/" + activity + "/signups").then().statusCode(201);

        as(token).post("/api/v1/me/withdraw").then().statusCode(200).body("volunteerId", equalTo(me))
                .body("erasedAt", notNullValue());
        as(token).get("/api/v1/me").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        assertEquals(1, Fixtures.count("volunteer WHERE id = '" + me + "' AND name = '已删除' AND phone IS NULL "
                + "AND id_number IS NULL AND subject IS NULL AND status = 'SUSPENDED' AND erased_at IS NOT NULL"));
        assertEquals(1, Fixtures.count("service_record WHERE volunteer_id = '" + me + "'"), "hours kept for counts");
        as(cityAdmin()).get("/api/v1/wishes/" + wish).then().body("status", equalTo("OPEN")).body("claimantId", nullValue());
        as(cityAdmin()).get("/api/v1/activities/" + activity).then().body("signups", equalTo(0));
        assertEquals(1, Fixtures.count("audit_event WHERE entity_id = '" + me + "' AND action = 'ERASE'"));
        // the phone is free again: the same resident may start afresh
        String again = as(token).body(Residents.body(community, "吴用")).post("/api/v1/me/volunteer").then()
                .statusCode(201).extract().path("id");
        assertNotEquals(me, again);
    }

    @Test
    void theOpenWishesOfMyCommunityShowNoHouseholdAndTheClaimerMayUnclaimOrFulfil() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String token = Residents.registered(community);
        String mine = wish(Fixtures.household(community, null));
        String elsewhere = wish(Fixtures.household(Fixtures.community(Fixtures.COUNTY), null));
        Response list = as(token).get("/api/v1/me/wishes");
        list.then().statusCode(200).body("items.id", equalTo(List.of(mine))).body("nextCursor", nullValue());
        assertFalse(list.asString().contains("household"), "no household details: " + list.asString());
        assertFalse(list.asString().contains(elsewhere));

        as(token).body("{}").post("/api/v1/wishes/" + mine + "/claim").then().statusCode(200);
        as(token).get("/api/v1/wishes/" + mine).then().statusCode(200).body("status", equalTo("CLAIMED"));
        as(token).get("/api/v1/me/wishes").then().body("items", hasSize(0));
        as(token).post("/api/v1/wishes/" + mine + "/unclaim").then().statusCode(200).body("status", equalTo("OPEN"))
                .body("claimantId", nullValue());
        // no longer its claimant: outside my scope (checked before the state); staff learn the state
        as(token).post("/api/v1/wishes/" + mine + "/unclaim").then().statusCode(403);
        as(cityAdmin()).post("/api/v1/wishes/" + mine + "/unclaim").then().statusCode(409)
                .body("code", equalTo("INVALID_WISH_STATE"));
        String me = as(token).body("{}").post("/api/v1/wishes/" + mine + "/claim").then().statusCode(200).extract()
                .path("claimantId");
        as(token).body(Map.of("fulfilledOn", Fixtures.today().toString(), "note", "送到了", "minutes", 30))
                .post("/api/v1/wishes/" + mine + "/fulfil").then().statusCode(200).body("status", equalTo("FULFILLED"));
        // minutes a claimant reports for themself wait for staff: they do not count yet
        assertEquals(1, Fixtures.count("service_record WHERE volunteer_id = '" + me + "' AND confirmed_by IS NULL"));
        as(token).get("/api/v1/me").then().body("totalMinutes", equalTo(0)).body("claimedWishes", hasSize(0));
        // staff must still name the volunteer
        as(cityAdmin()).body("{}").post("/api/v1/wishes/" + wish(Fixtures.household(community, null)) + "/claim").then()
                .statusCode(422);
    }

    @Test
    void aVolunteerTokenWithoutTheClaimIsTheRecordLinkedToItsSubject() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String sub = Residents.sub();
        String me = as(Residents.token(sub, Fixtures.phone())).body(Residents.body(community, "郑和"))
                .post("/api/v1/me/volunteer").then().statusCode(201).extract().path("id");
        String volunteerBySub = TestStack.tokens().mint(sub, "VOLUNTEER", Map.of(), Duration.ofHours(1));
        as(volunteerBySub).get("/api/v1/me").then().statusCode(200).body("volunteer.id", equalTo(me));
        as(volunteerBySub).get("/api/v1/volunteers/" + me).then().statusCode(200);
        as(Fixtures.volunteerToken(me)).get("/api/v1/me").then().statusCode(200).body("volunteer.id", equalTo(me));
        String stranger = TestStack.tokens().mint(Residents.sub(), "VOLUNTEER", Map.of(), Duration.ofHours(1));
        as(stranger).get("/api/v1/me").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        as(stranger).get("/api/v1/volunteers/" + me).then().statusCode(403);
    }
}
