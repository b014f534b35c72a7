package org.yimeng.volunteer.imports;

import java.util.UUID;

import org.yimeng.volunteer.Fixtures;

/** Tokens of roles that may not import. */
final class TestTokens {
    private TestTokens() {
    }

    static String volunteer() {
        return Fixtures.volunteerToken(UUID.randomUUID().toString());
    }
}
