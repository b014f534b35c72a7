package org.yimeng.kit;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import org.yimeng.local.StackTestResource;

/**
 * Every @QuarkusTest of the kit runs its probe application (the kit and the probes of this test folder) against the
 * project's real PostgreSQL and Kafka broker, as a service's tests do.
 */
@WithTestResource(value = StackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "kit"))
public final class EmbeddedStack {
    private EmbeddedStack() {
    }
}
