package org.yimeng.volunteer.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimeng.local.testing.AuthorizationMatrix;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiOperations;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every served operation against every kind of caller, from one table (src/test/resources/authz-matrix.tsv): no,
 * expired and foreign-key tokens, each role in and out of the records' scope.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @Test
    void everyServedOperationHasARowAndEveryRowIsServed() {
        OpenApiOperations api = OpenApiOperations.fetch(ScopeFixtures.baseUrl());
        AuthorizationMatrix matrix = AuthorizationMatrix.load("authz-matrix.tsv");
        List<String> problems = matrix.coverageProblems(api, "/api/", "/public/");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(matrix.rows().size() >= 48, "table shrank: " + matrix.rows().size());
    }

    @Test
    void everyCallerGetsTheOutcomeTheTableSays() {
        ScopeFixtures f = new ScopeFixtures();
        AuthorizationMatrix matrix = f.matrix();
        List<String> mismatches = matrix.verify(new Http(ScopeFixtures.baseUrl()), f.authorization);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }
}
