package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliberately broken manifests: each fixture under src/test/resources/broken layers one mistake on the prod
 * overlay, and the validation must reject it with a message that names the mistake.
 */
class BrokenManifestsTest {

    @ParameterizedTest(name = "{0} is rejected")
    @CsvSource(delimiter = '|', value = {
            "unknown-field            | Deployment yimeng/volunteer-service (apps/v1): [Path '/spec/template/spec/containers/0'] Object instance has properties which are not allowed by the schema: [\"readinesProbe\"]",
            "wrong-type               | HorizontalPodAutoscaler yimeng/donation-service (autoscaling/v2): [Path '/spec/maxReplicas'] Instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])",
            "missing-probe            | Deployment donation-service: readinessProbe must be an httpGet of /q/health/ready",
            "topic-without-kafkatopic | topic ledger.digests.v1 of events.md has no KafkaTopic",
            "crd-unknown-field        | Kafka yimeng/yimeng-kafka (kafka.strimzi.io/v1): [Path '/spec/kafka'] Object instance has properties which are not allowed by the schema: [\"replicas\"]",
            "crd-wrong-type           | Cluster yimeng/volunteer-db (postgresql.cnpg.io/v1): [Path '/spec/instances'] Instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])",
            "committed-secret         | Secret yimeng/volunteer-db-app (v1): Secrets are never committed",
            "reaches-other-database   | NetworkPolicy for volunteer-service: may reach database ledger-db",
            "missing-config           | Deployment volunteer-service: environment variable MP_JWT_VERIFY_ISSUER",
            "runs-as-root             | Deployment donation-service: runs as root (runAsUser: 0)",
            "exposes-metrics          | Ingress yimeng-api: routes /, which is not an api.md path prefix",
            "no-backups               | Cluster ledger-db: production needs WAL archiving to an ObjectStore (backups)",
            "old-api-version          | KafkaTopic ledger.audit.v1 (kafka.strimzi.io/v1beta2): no schema for kafka.strimzi.io/v1beta2 KafkaTopic",
            "too-many-connections     | HorizontalPodAutoscaler volunteer-service: up to 270 database connections",
            "crontab-schedule         | ScheduledBackup yimeng/ledger-db-nightly (postgresql.cnpg.io/v1): [Path '/spec/schedule'] ECMA 262 regex"})
    void brokenManifestIsRejected(String fixture, String expected) {
        List<String> problems = checkFixture(fixture);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing\n  " + expected + "\nbut found\n  " + String.join("\n  ", problems));
    }

    @Test
    void wrongTypeReportsEveryMistakeNotJustTheFirst() {
        List<String> problems = checkFixture("wrong-type");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Deployment yimeng/donation-service") && p.contains("(string)")),
                String.join("\n", problems));
    }

    @Test
    void crdEnumViolationIsRejected() {
        List<String> problems = checkFixture("crd-wrong-type");
        assertTrue(problems.stream().anyMatch(p -> p.contains("Instance value (\"all\") not found in enum")), String.join("\n", problems));
    }

    @Test
    void runningAsRootBreaksEveryHardeningRule() {
        List<String> problems = checkFixture("runs-as-root");
        for (String rule : List.of("runAsNonRoot must be true", "readOnlyRootFilesystem must be true")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(rule)), rule + " not reported: " + problems);
        }
    }

    @Test
    void topicMissingFromTheManifestsIsReported() {
        List<TopicSpec> topics = new ArrayList<>(TopicCatalog.fromCommonModel(Project.ROOT));
        topics.add(new TopicSpec("ledger.audit-trail.v1", false));
        List<String> problems = rulesOnProd(topics, Map.of());
        assertTrue(problems.contains("topic ledger.audit-trail.v1 of events.md has no KafkaTopic"), problems.toString());
    }

    @Test
    void compactionDifferentFromEventsMdIsReported() {
        List<TopicSpec> topics = TopicCatalog.fromCommonModel(Project.ROOT).stream()
                .map(t -> t.name().equals("ledger.digests.v1") ? new TopicSpec(t.name(), true) : t).toList();
        List<String> problems = rulesOnProd(topics, Map.of());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("KafkaTopic ledger.digests.v1: cleanup.policy delete")), problems.toString());
    }

    @Test
    void variableAServiceStartsReadingInProdMustBeSetByTheOverlay() {
        Set<String> required = new TreeSet<>(RequiredConfig.PLATFORM_VARIABLES);
        required.addAll(RequiredConfig.fromProperties("%prod.ledger.signing.key-location=${LEDGER_SIGNING_KEY_FILE}\n"));
        List<String> problems = rulesOnProd(TopicCatalog.fromCommonModel(Project.ROOT), Map.of("donation-service", required));
        assertTrue(problems.stream().anyMatch(p -> p.contains("LEDGER_SIGNING_KEY_FILE")), problems.toString());
    }

    @Test
    void theUnbrokenProdOverlayPassesTheSameChecks() {
        List<String> problems = ManifestCheck.check(Project.OVERLAYS.resolve("prod"), production()).problems();
        assertTrue(problems.isEmpty(), problems.toString());
    }

    private static List<String> checkFixture(String fixture) {
        ManifestCheck.Result result = ManifestCheck.check(Project.BROKEN.resolve(fixture), production());
        assertFalse(result.objects().isEmpty(), "fixture did not render: " + result.problems());
        assertFalse(result.passed(), fixture + " passed validation");
        return result.problems();
    }

    private static List<String> rulesOnProd(List<TopicSpec> topics, Map<String, Set<String>> variables) {
        List<ObjectNode> objects = ManifestRenderer.render(Project.OVERLAYS.resolve("prod"));
        return PlatformRules.check(objects, new PlatformRules.Context(true, topics, variables));
    }

    private static PlatformRules.Context production() {
        return ManifestCheck.context(Project.ROOT, true);
    }

    static Path fixture(String name) {
        return Project.BROKEN.resolve(name);
    }
}
