package org.yimeng.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run's printed sign-in link for the county dashboard: the token goes in the fragment, never in the query. */
class PlatformConsoleLinkTest {
    @Test
    void theDashboardLinkPutsTheTokenInTheFragmentOnLocalhost() {
        assertEquals("http://localhost:8080/console/#token=", Platform.consoleUrl("http://127.0.0.1:8080"));
        assertEquals("http://192.168.1.5:9080/console/#token=", Platform.consoleUrl("http://192.168.1.5:9080"));
    }
}
