package org.yimeng.volunteer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import org.yimeng.local.StackTestResource;

/** Every @QuarkusTest of this module runs against the project's real PostgreSQL and Kafka broker. */
@WithTestResource(value = StackTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "volunteer"))
public final class EmbeddedStack {
    private EmbeddedStack() {
    }
}
