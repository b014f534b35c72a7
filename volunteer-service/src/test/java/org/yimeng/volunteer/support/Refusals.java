package org.yimeng.volunteer.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/** For the policies' plain tests: a rule refused with the given stable code. */
public final class Refusals {
    private Refusals() {
    }

    public static ApiException refused(ErrorCode expected, Executable rule) {
        ApiException e = assertThrows(ApiException.class, rule);
        assertEquals(expected, e.code(), e.getMessage());
        return e;
    }
}
