package org.yimeng.deploy.kubernetes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topic list comes from common-model's Topics.ALL, which must agree with events.md. */
class TopicCatalogTest {

    @Test
    void readsTopicsAllFromTheCommonModelSource() {
        List<TopicSpec> topics = TopicCatalog.fromCommonModel(Project.ROOT);
        assertTrue(topics.contains(new TopicSpec("volunteer.communities.v1", true)), topics.toString());
        assertTrue(topics.size() >= 7, topics.toString());
    }

    @Test
    void parsesTheTopicTableOfEventsMd() {
        String markdown = """
                | Topic | Key |
                |---|---|
                | `volunteer.communities.v1` (compacted) | communityId |
                | `ledger.digests.v1` | "chain" |
                """;
        assertEquals(List.of(new TopicSpec("volunteer.communities.v1", true), new TopicSpec("ledger.digests.v1", false)),
                TopicCatalog.fromEventsMarkdown(markdown));
    }

    /** The design document lives outside the repository; where it is present the two lists must agree. */
    @Test
    void topicsAllMatchesEventsMdWherePresent() throws Exception {
        Path events = Path.of(System.getProperty("events.md", Project.ROOT.resolve("../shared/design/events.md").toString()));
        Assumptions.assumeTrue(Files.isRegularFile(events), "events.md not found at " + events);
        assertEquals(new HashSet<>(TopicCatalog.fromEventsMarkdown(Files.readString(events))),
                new HashSet<>(TopicCatalog.fromCommonModel(Project.ROOT)));
    }

    @Test
    void requiredConfigTakesProdKeysWithoutDefaults() {
        String properties = """
                quarkus.datasource.jdbc.url=${QUARKUS_DATASOURCE_JDBC_URL}
                %dev.quarkus.datasource.username=${DEV_ONLY}
                %prod.ledger.chain.key=${LEDGER_KEY}
                %prod,staging.ledger.audit=${AUDIT_SINK}
                %prod.ledger.batch=${LEDGER_BATCH:100}
                %prod.ledger.name=${quarkus.application.name}
                unprofiled=${OVERRIDDEN}
                %prod.unprofiled=fixed
                """;
        assertEquals(new java.util.TreeSet<>(List.of("AUDIT_SINK", "LEDGER_KEY", "QUARKUS_DATASOURCE_JDBC_URL")),
                RequiredConfig.fromProperties(properties));
    }
}
