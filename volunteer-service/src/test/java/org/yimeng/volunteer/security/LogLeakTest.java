package org.yimeng.volunteer.security;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's log never holds a phone or an ID number: a flow with known values — registrations, duplicates, invalid
 * ID numbers, malformed bodies, a number revealed in full — runs with every log record of the JVM captured (at the levels the service is configured with), then the capture is
 * searched for those values and for anything shaped like a mobile number or an ID number.
 */
@QuarkusTest
class LogLeakTest {
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])1[3-9][0-9]{9}(?![0-9])");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");

    @Test
    void personalNumbersNeverReachTheLog() {
        List<String> captured = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        b.append(' ').append(p);
                    }
                }
                if (r.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(w));
                    b.append(' ').append(w);
                }
                captured.add(r.getLoggerName() + ": " + b);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        List<String> secrets = new ArrayList<>();
        try {
            Logger.getLogger("org.yimeng.volunteer").info("log-leak-canary");
            String community = Fixtures.community(Fixtures.COUNTY);
            String phone = Fixtures.phone();
            String idNumber = Fixtures.idNumber();
            String badId = idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? '2' : '1');
            secrets.addAll(List.of(phone, idNumber, badId));
            Map<String, Object> volunteer = new HashMap<>(Map.of("name", "张三", "phone", phone, "idNumber", idNumber,
                    "communityId", community, "skills", List.of(), "consent", true));
            as(Fixtures.cityAdmin()).body(volunteer).post("/api/v1/volunteers").then().statusCode(201);
            as(Fixtures.cityAdmin()).body(volunteer).post("/api/v1/volunteers").then().statusCode(409);
            volunteer.put("phone", Fixtures.phone());
            secrets.add((String) volunteer.get("phone"));
            volunteer.put("idNumber", badId);
            as(Fixtures.cityAdmin()).body(volunteer).post("/api/v1/volunteers").then().statusCode(422);
            Map<String, Object> household = new HashMap<>(Map.of("communityId", community, "headName", "李四",
                    "headIdNumber", idNumber, "phone", phone, "address", Fixtures.unique("路"), "memberCount", 1,
                    "categories", List.of("OTHER")));
            String created = as(Fixtures.cityAdmin()).body(household).post("/api/v1/households").then().statusCode(201)
                    .extract().path("id");
            // the one response that carries a number in full
            as(Fixtures.communityAdmin(community)).body(Map.of("reason", "回访")).post("/api/v1/households/" + created
                    + "/contact").then().statusCode(200);
            as(Fixtures.cityAdmin()).body(household).post("/api/v1/households").then().statusCode(409);
            household.put("headIdNumber", badId);
            as(Fixtures.cityAdmin()).body(household).post("/api/v1/households").then().statusCode(422);
            // wrong types and a NUL next to personal values: the mappers must not echo the body
            as(Fixtures.cityAdmin()).body("{\"name\":\"王五\",\"phone\":\"" + phone + "\",\"idNumber\":" + idNumber
                    + ",\"communityId\":\"" + community + "\",\"consent\":true}").post("/api/v1/volunteers").then()
                    .statusCode(400);
            as(Fixtures.cityAdmin()).body("{\"name\":\"王\\u0000五\",\"phone\":\"" + phone + "\"}")
                    .post("/api/v1/volunteers").then().statusCode(400);
            as(Fixtures.cityAdmin()).body("{\"phone\":\"" + phone + "\"").post("/api/v1/volunteers").then()
                    .statusCode(400);
        } finally {
            root.removeHandler(handler);
        }
        List<String> leaks = new ArrayList<>();
        synchronized (captured) {
            for (String line : captured) {
                boolean secret = secrets.stream().anyMatch(line::contains);
                if (secret || MOBILE.matcher(line).find() || ID_NUMBER.matcher(line).find()) {
                    leaks.add(line.length() > 300 ? line.substring(0, 300) : line);
                }
            }
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
        assertTrue(captured.stream().anyMatch(l -> l.contains("log-leak-canary")), "the capture saw nothing");
    }
}
