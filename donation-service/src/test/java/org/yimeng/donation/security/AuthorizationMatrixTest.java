package org.yimeng.donation.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.local.testing.AuthorizationMatrix;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiOperations;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every served operation against every kind of caller, from one table (src/test/resources/authz-matrix.tsv): no,
 * expired, foreign-key, other-issuer and unsigned tokens, a token without a role, and each role of domain.md in and
 * out of the records' scope.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void everyServedOperationHasARowAndEveryRowIsServed() {
        OpenApiOperations api = OpenApiOperations.fetch(ScopeFixtures.baseUrl());
        AuthorizationMatrix matrix = AuthorizationMatrix.load("authz-matrix.tsv");
        List<String> problems = matrix.coverageProblems(api, "/api/", "/public/");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(matrix.rows().size() >= 12, "table shrank: " + matrix.rows().size());
    }

    @Test
    void everyCallerGetsTheOutcomeTheTableSays() {
        ScopeFixtures f = new ScopeFixtures(mapper);
        AuthorizationMatrix matrix = f.matrix();
        String key = "matrix-" + f.vars.get("run");
        List<String> mismatches = matrix.verify(new Http(ScopeFixtures.baseUrl()), f.authorization,
                Map.of("Idempotency-Key", key));
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));

        // "ok" only says the gate let the caller through; the writes the permitted callers sent also took effect,
        // exactly once (so no refused caller slipped one in either)
        assertEquals(1, Fixtures.count("donation WHERE idempotency_key = '" + key + "'"), "the collector's donation");
        assertEquals(1, Fixtures.count("ledger_entry WHERE reversal_of = '" + f.vars.get("entryToReverse") + "'"),
                "finance's reversal");
        assertEquals(0, Fixtures.count("donor WHERE entry_id = '" + f.vars.get("entryWithDonor") + "'"), "the erased donor");
        assertEquals(1, Fixtures.count("piggy_bank WHERE id = '" + f.vars.get("piggyBankToRetire") + "' AND status = 'RETIRED'"),
                "the retired piggy-bank");
        assertEquals(3, Fixtures.count("piggy_bank WHERE label = '矩阵爱扑满" + f.vars.get("run") + "'"),
                "piggy-banks created by the community, county and city admins");
    }
}
