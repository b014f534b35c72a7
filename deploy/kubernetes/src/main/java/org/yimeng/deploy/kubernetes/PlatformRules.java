package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the platform requires of a rendered overlay beyond schema validity: the points an operations engineer
 * checks, made executable. Each problem names the object and what is wrong.
 */
public final class PlatformRules {

    /** A service of the platform, the database it owns and the API path prefixes (api.md) it serves. */
    public record ServiceSpec(String name, int port, String database, String databaseCluster, List<String> routes) {
    }

    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("volunteer-service", 8080, "volunteer", "volunteer-db", List.of("/api/v1/counties",
                    "/api/v1/communities", "/api/v1/volunteers", "/api/v1/households", "/api/v1/pairings",
                    "/api/v1/coverage", "/api/v1/wishes", "/api/v1/activities", "/api/v1/progress",
                    "/public/v1/certificates")),
            new ServiceSpec("donation-service", 8081, "ledger", "ledger-db", List.of("/api/v1/piggy-banks",
                    "/api/v1/donations", "/api/v1/ledger", "/public/v1/communities")));

    /** Secrets the manifests may reference without defining; how each is created is in docs/operations.md. */
    public static final Set<String> EXTERNAL_SECRETS = Set.of("jwt-verify-keys", "yimeng-api-tls", "backup-s3-credentials");

    /** Namespaces allowed to reach the services: the Ingress controller's, and Prometheus' for /q/metrics. */
    static final Set<String> INGRESS_NAMESPACES = Set.of("ingress-nginx", "monitoring");

    /** quarkus.datasource.jdbc.max-size in the service kit's defaults, used when the overlay does not set it. */
    static final int KIT_POOL_SIZE = 30;
    /** Connections kept free for superuser, replication and the operator. */
    static final int RESERVED_CONNECTIONS = 10;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    /** What the rules need besides the objects. */
    public record Context(boolean production, List<TopicSpec> topics, Map<String, Set<String>> requiredVariables) {
    }

    private final List<ObjectNode> objects;
    private final Context context;
    private final List<String> problems = new ArrayList<>();

    private PlatformRules(List<ObjectNode> objects, Context context) {
        this.objects = objects;
        this.context = context;
    }

    public static List<String> check(List<ObjectNode> objects, Context context) {
        PlatformRules rules = new PlatformRules(objects, context);
        rules.checkAll();
        return rules.problems;
    }

    private void checkAll() {
        checkMetadata();
        checkSecrets();
        for (ServiceSpec service : SERVICES) {
            checkService(service);
        }
        checkIngress();
        checkKafka();
        checkTopics();
        checkDatabases();
    }

    // ------------------------------------------------------------------ metadata and secrets

    private void checkMetadata() {
        List<ObjectNode> namespaces = ofKind("", "Namespace");
        if (namespaces.size() != 1) {
            problems.add("the overlay must define exactly one Namespace, found " + namespaces.size());
        }
        String namespace = namespaces.isEmpty() ? null : name(namespaces.get(0));
        for (ObjectNode object : objects) {
            ResourceId id = ResourceId.of(object);
            JsonNode labels = object.path("metadata").path("labels");
            if (!"yimeng".equals(labels.path("app.kubernetes.io/part-of").asText())) {
                problems.add(id + ": label app.kubernetes.io/part-of=yimeng missing");
            }
            if (!labels.has("app.kubernetes.io/managed-by")) {
                problems.add(id + ": label app.kubernetes.io/managed-by missing");
            }
            if (!id.kind().equals("Namespace") && namespace != null && !namespace.equals(id.namespace())) {
                problems.add(id + ": not in namespace " + namespace);
            }
        }
    }

    private void checkSecrets() {
        for (ObjectNode secret : ofKind("", "Secret")) {
            problems.add(ResourceId.of(secret) + ": Secrets are never committed; reference one created out of band");
        }
        Set<String> allowed = new HashSet<>(EXTERNAL_SECRETS);
        for (ObjectNode cluster : ofKind("postgresql.cnpg.io", "Cluster")) {
            allowed.add(name(cluster) + "-app");
        }
        for (ObjectNode object : objects) {
            ResourceId id = ResourceId.of(object);
            Set<String> referenced = new TreeSet<>();
            collectSecretReferences(object, referenced);
            for (String secret : referenced) {
                if (!allowed.contains(secret)) {
                    problems.add(id + ": references Secret " + secret + ", which is neither generated by CloudNativePG"
                            + " nor one of the documented external Secrets " + new TreeSet<>(EXTERNAL_SECRETS));
                }
            }
        }
    }

    private static void collectSecretReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (String field : List.of("secretKeyRef", "secretRef")) {
                if (node.path(field).path("name").isTextual()) {
                    into.add(node.get(field).get("name").asText());
                }
            }
            if (node.path("secret").path("secretName").isTextual()) {
                into.add(node.get("secret").get("secretName").asText());
            }
            if (node.path("secretName").isTextual()) {
                into.add(node.get("secretName").asText());
            }
            JsonNode s3 = node.path("s3Credentials");
            if (s3.isObject()) {
                s3.forEach(selector -> {
                    if (selector.path("name").isTextual()) {
                        into.add(selector.get("name").asText());
                    }
                });
            }
            node.forEach(child -> collectSecretReferences(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretReferences(child, into));
        }
    }

    // ------------------------------------------------------------------ services

    private void checkService(ServiceSpec service) {
        ObjectNode deployment = one("apps", "Deployment", service.name());
        if (deployment == null) {
            return;
        }
        String where = "Deployment " + service.name();
        JsonNode spec = deployment.path("spec");
        JsonNode pod = spec.path("template").path("spec");
        JsonNode podLabels = spec.path("template").path("metadata").path("labels");
        if (!service.name().equals(podLabels.path("app.kubernetes.io/name").asText())
                || !service.name().equals(deployment.path("metadata").path("labels").path("app.kubernetes.io/name").asText())) {
            problems.add(where + ": app.kubernetes.io/name must be " + service.name() + " on the Deployment and its pods");
        }
        if (!podLabels.has("app.kubernetes.io/component")) {
            problems.add(where + ": pod label app.kubernetes.io/component missing");
        }
        if (spec.has("replicas")) {
            problems.add(where + ": sets spec.replicas, which the HorizontalPodAutoscaler owns; every apply would reset it");
        }
        if (spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1) != 0) {
            problems.add(where + ": rolling updates must keep every ready pod (maxUnavailable: 0) for zero downtime");
        }
        JsonNode container = null;
        for (JsonNode candidate : pod.path("containers")) {
            if (service.name().equals(candidate.path("name").asText())) {
                container = candidate;
            }
        }
        if (container == null) {
            problems.add(where + ": no container named " + service.name());
            return;
        }
        Map<String, String> config = environment(container);
        checkImage(where, service, container);
        checkProbes(where, container, service.port());
        checkResources(where, container);
        checkSecurity(where, pod, container);
        checkShutdown(where, pod, container, config);
        checkConfiguration(where, service, pod, container, config);
        checkServiceObject(service, podLabels);
        checkAutoscaling(service, podLabels, config);
        checkNetworkPolicy(service, podLabels);
        checkMetrics(where, service, spec.path("template"), podLabels);
    }

    private void checkImage(String where, ServiceSpec service, JsonNode container) {
        String image = container.path("image").asText();
        Matcher matcher = Pattern.compile("^(?:(.+)/)?yimeng/" + Pattern.quote(service.name())
                + "(?::([\\w][\\w.-]*)|@(sha256:[0-9a-f]{64}))$").matcher(image);
        if (!matcher.matches()) {
            problems.add(where + ": image " + image + " is not yimeng/" + service.name() + " (the name the Jib build pushes)");
        } else if (context.production() && (matcher.group(1) == null
                || (matcher.group(3) == null && (matcher.group(2).endsWith("SNAPSHOT") || matcher.group(2).equals("latest"))))) {
            problems.add(where + ": production image " + image + " needs a registry and a release tag or digest");
        }
    }

    private void checkProbes(String where, JsonNode container, int port) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("startupProbe", "/q/health/started");
        expected.put("livenessProbe", "/q/health/live");
        expected.put("readinessProbe", "/q/health/ready");
        for (Map.Entry<String, String> probe : expected.entrySet()) {
            JsonNode httpGet = container.path(probe.getKey()).path("httpGet");
            if (!probe.getValue().equals(httpGet.path("path").asText())) {
                problems.add(where + ": " + probe.getKey() + " must be an httpGet of " + probe.getValue());
            } else if (!portMatches(container, httpGet.path("port"), port)) {
                problems.add(where + ": " + probe.getKey() + " does not probe the HTTP port " + port);
            }
        }
    }

    private static boolean portMatches(JsonNode container, JsonNode port, int number) {
        if (port.isInt()) {
            return port.asInt() == number;
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt() == number;
            }
        }
        return false;
    }

    private void checkResources(String where, JsonNode container) {
        JsonNode resources = container.path("resources");
        for (String path : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
            String[] parts = path.split("/");
            if (resources.path(parts[0]).path(parts[1]).isMissingNode()) {
                problems.add(where + ": resources." + parts[0] + "." + parts[1] + " missing");
            }
        }
    }

    private void checkSecurity(String where, JsonNode pod, JsonNode container) {
        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = container.path("securityContext");
        if (!(security.path("runAsNonRoot").asBoolean(false) || podSecurity.path("runAsNonRoot").asBoolean(false))) {
            problems.add(where + ": runAsNonRoot must be true");
        }
        for (JsonNode user : List.of(podSecurity.path("runAsUser"), security.path("runAsUser"))) {
            if (user.isInt() && user.asInt() == 0) {
                problems.add(where + ": runs as root (runAsUser: 0)");
            }
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add(where + ": readOnlyRootFilesystem must be true");
        }
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(where + ": allowPrivilegeEscalation must be false");
        }
        boolean dropsAll = false;
        for (JsonNode capability : security.path("capabilities").path("drop")) {
            dropsAll |= capability.asText().equals("ALL");
        }
        if (!dropsAll) {
            problems.add(where + ": capabilities must drop ALL");
        }
        String seccomp = security.path("seccompProfile").path("type").asText(podSecurity.path("seccompProfile").path("type").asText());
        if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
            problems.add(where + ": seccompProfile RuntimeDefault missing");
        }
    }

    private void checkShutdown(String where, JsonNode pod, JsonNode container, Map<String, String> config) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        int pause = preStop.path("sleep").path("seconds").asInt(0);
        if (preStop.isMissingNode()) {
            problems.add(where + ": no preStop hook; pods would get traffic after SIGTERM");
        }
        String timeout = config.get("QUARKUS_SHUTDOWN_TIMEOUT");
        Integer shutdown = timeout == null ? null : seconds(timeout);
        if (shutdown == null) {
            problems.add(where + ": QUARKUS_SHUTDOWN_TIMEOUT must be set so in-flight requests finish on shutdown");
            return;
        }
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        if (grace <= pause + shutdown) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " must exceed preStop " + pause
                    + " s + shutdown timeout " + shutdown + " s");
        }
    }

    private static Integer seconds(String duration) {
        Matcher matcher = DURATION.matcher(duration.trim().toLowerCase());
        if (!matcher.matches()) {
            return null;
        }
        int value = Integer.parseInt(matcher.group(1));
        return switch (Objects.requireNonNullElse(matcher.group(2), "s")) {
            case "ms" -> Math.max(1, value / 1000);
            case "m" -> value * 60;
            default -> value;
        };
    }

    /** Plain values (env value or ConfigMap entry) and "secret:<name>/<key>" for Secret references. */
    private Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            JsonNode configMapRef = source.path("configMapRef");
            if (configMapRef.has("name")) {
                ObjectNode configMap = one("", "ConfigMap", configMapRef.get("name").asText());
                if (configMap != null) {
                    configMap.path("data").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            if (secret.isObject()) {
                environment.put(variable.path("name").asText(),
                        "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
            } else if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.get("value").asText());
            } else if (variable.has("valueFrom")) {
                environment.put(variable.path("name").asText(), "valueFrom");
            }
        }
        return environment;
    }

    private void checkConfiguration(String where, ServiceSpec service, JsonNode pod, JsonNode container,
                                    Map<String, String> config) {
        Set<String> required = context.requiredVariables().getOrDefault(service.name(), Set.of());
        for (String variable : required) {
            if (!config.containsKey(variable)) {
                problems.add(where + ": environment variable " + variable + " that " + service.name()
                        + " needs in prod is set neither in env nor in a ConfigMap it loads");
            }
        }
        String port = config.get("QUARKUS_HTTP_PORT");
        if (port != null && !port.equals(String.valueOf(service.port()))) {
            problems.add(where + ": QUARKUS_HTTP_PORT " + port + " is not the service port " + service.port());
        }
        boolean declared = false;
        for (JsonNode declaredPort : container.path("ports")) {
            declared |= declaredPort.path("containerPort").asInt() == service.port()
                    && declaredPort.path("name").asText().equals("http");
        }
        if (!declared) {
            problems.add(where + ": container port " + service.port() + " named http missing");
        }
        String jdbc = config.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
        if (!jdbc.startsWith("jdbc:postgresql://" + service.databaseCluster() + "-rw:5432/" + service.database())) {
            problems.add(where + ": QUARKUS_DATASOURCE_JDBC_URL must point at " + service.databaseCluster()
                    + "-rw:5432/" + service.database() + ", found " + jdbc);
        }
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            String value = config.getOrDefault(variable, "");
            if (!value.startsWith("secret:" + service.databaseCluster() + "-app/")) {
                problems.add(where + ": " + variable + " must come from Secret " + service.databaseCluster() + "-app");
            }
        }
        List<ObjectNode> kafkas = ofKind("kafka.strimzi.io", "Kafka");
        String bootstrap = config.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        boolean bootstrapOk = false;
        for (ObjectNode kafka : kafkas) {
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                bootstrapOk |= bootstrap.equals(name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
            }
        }
        if (!bootstrapOk) {
            problems.add(where + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not the bootstrap service of a listener");
        }
        String keyFile = config.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "").replaceFirst("^file:", "");
        boolean mounted = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            String mountPath = mount.path("mountPath").asText();
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")
                        && keyFile.startsWith(mountPath + "/")) {
                    mounted = true;
                }
            }
        }
        if (!mounted) {
            problems.add(where + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + keyFile + " is not inside a mounted Secret");
        }
    }

    private void checkServiceObject(ServiceSpec service, JsonNode podLabels) {
        ObjectNode object = one("", "Service", service.name());
        if (object == null) {
            return;
        }
        if (!selects(object.path("spec").path("selector"), podLabels)) {
            problems.add("Service " + service.name() + ": selector does not select the pods");
        }
        boolean http = false;
        for (JsonNode port : object.path("spec").path("ports")) {
            http |= port.path("name").asText().equals("http") && port.path("port").asInt() == service.port();
        }
        if (!http) {
            problems.add("Service " + service.name() + ": port http " + service.port() + " missing");
        }
    }

    private void checkAutoscaling(ServiceSpec service, JsonNode podLabels, Map<String, String> config) {
        ObjectNode hpa = one("autoscaling", "HorizontalPodAutoscaler", service.name());
        ObjectNode cluster = one("postgresql.cnpg.io", "Cluster", service.databaseCluster(), false);
        if (hpa != null && cluster != null) {
            // Every pod may open its whole pool; during a rollout one extra pod runs (maxSurge 1).
            int pool = Integer.parseInt(config.getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(KIT_POOL_SIZE)));
            int connections = (hpa.path("spec").path("maxReplicas").asInt() + 1) * pool;
            int limit = Integer.parseInt(cluster.path("spec").path("postgresql").path("parameters")
                    .path("max_connections").asText("100")) - RESERVED_CONNECTIONS;
            if (connections > limit) {
                problems.add("HorizontalPodAutoscaler " + service.name() + ": up to " + connections + " database connections ("
                        + "maxReplicas + 1) x pool " + pool + ", more than " + service.databaseCluster() + " accepts (" + limit + ")");
            }
        }
        if (hpa != null) {
            JsonNode spec = hpa.path("spec");
            JsonNode target = spec.path("scaleTargetRef");
            if (!target.path("kind").asText().equals("Deployment") || !target.path("name").asText().equals(service.name())) {
                problems.add("HorizontalPodAutoscaler " + service.name() + ": does not scale Deployment " + service.name());
            }
            int min = spec.path("minReplicas").asInt(1);
            if (context.production() && min < 2) {
                problems.add("HorizontalPodAutoscaler " + service.name() + ": minReplicas " + min
                        + " in production; one pod is a single point of failure");
            }
        }
        ObjectNode pdb = one("policy", "PodDisruptionBudget", service.name());
        if (pdb != null && !selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels)) {
            problems.add("PodDisruptionBudget " + service.name() + ": selector does not select the pods");
        }
    }

    private void checkNetworkPolicy(ServiceSpec service, JsonNode podLabels) {
        ObjectNode policy = null;
        for (ObjectNode candidate : ofKind("networking.k8s.io", "NetworkPolicy")) {
            if (selects(candidate.path("spec").path("podSelector").path("matchLabels"), podLabels)) {
                policy = candidate;
            }
        }
        String where = "NetworkPolicy for " + service.name();
        if (policy == null) {
            problems.add(where + ": missing");
            return;
        }
        Set<String> types = new HashSet<>();
        policy.path("spec").path("policyTypes").forEach(type -> types.add(type.asText()));
        if (!types.containsAll(Set.of("Ingress", "Egress"))) {
            problems.add(where + ": must restrict both Ingress and Egress");
        }
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            if (!rule.has("from") || rule.path("from").isEmpty()) {
                problems.add(where + ": an ingress rule without 'from' admits every pod");
            }
            for (JsonNode peer : rule.path("from")) {
                String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
                if (!INGRESS_NAMESPACES.contains(namespace)) {
                    problems.add(where + ": admits " + peer + "; only the Ingress controller and Prometheus may connect");
                }
            }
        }
        Set<String> reached = new TreeSet<>();
        for (JsonNode rule : policy.path("spec").path("egress")) {
            if (!rule.has("to") || rule.path("to").isEmpty()) {
                problems.add(where + ": an egress rule without 'to' reaches everything");
            }
            for (JsonNode peer : rule.path("to")) {
                JsonNode pods = peer.path("podSelector").path("matchLabels");
                String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
                if (namespace.equals("kube-system") && pods.path("k8s-app").asText().equals("kube-dns")) {
                    reached.add("dns");
                } else if (peer.has("namespaceSelector") || peer.has("ipBlock")) {
                    problems.add(where + ": egress to " + peer + " is outside its database and Kafka");
                } else if (pods.has("cnpg.io/cluster")) {
                    String cluster = pods.get("cnpg.io/cluster").asText();
                    if (!cluster.equals(service.databaseCluster())) {
                        problems.add(where + ": may reach database " + cluster + ", which belongs to another service");
                    }
                    reached.add("database");
                } else if (pods.has("strimzi.io/cluster") && pods.path("strimzi.io/broker-role").asText().equals("true")) {
                    reached.add("kafka");
                } else {
                    problems.add(where + ": egress to " + peer + " is outside its database and Kafka");
                }
            }
        }
        if (!reached.containsAll(Set.of("dns", "database", "kafka"))) {
            problems.add(where + ": egress must allow DNS, " + service.databaseCluster() + " and the Kafka brokers; allows " + reached);
        }
    }

    private void checkMetrics(String where, ServiceSpec service, JsonNode template, JsonNode podLabels) {
        JsonNode annotations = template.path("metadata").path("annotations");
        boolean annotated = annotations.path("prometheus.io/scrape").asText().equals("true")
                && annotations.path("prometheus.io/path").asText().equals("/q/metrics")
                && annotations.path("prometheus.io/port").asText().equals(String.valueOf(service.port()));
        boolean monitored = false;
        ObjectNode serviceObject = one("", "Service", service.name(), false);
        for (ObjectNode monitor : ofKind("monitoring.coreos.com", "ServiceMonitor")) {
            boolean scrapesMetrics = false;
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                scrapesMetrics |= endpoint.path("path").asText().equals("/q/metrics");
            }
            monitored |= scrapesMetrics && serviceObject != null
                    && selectsWithExpressions(monitor.path("spec").path("selector"), serviceObject.path("metadata").path("labels"));
        }
        if (!annotated && !monitored) {
            problems.add(where + ": neither prometheus.io annotations for /q/metrics nor a ServiceMonitor scrape it");
        }
        if (context.production() && !monitored) {
            problems.add(where + ": no ServiceMonitor scrapes /q/metrics in production");
        }
    }

    // ------------------------------------------------------------------ ingress

    private void checkIngress() {
        List<ObjectNode> ingresses = ofKind("networking.k8s.io", "Ingress");
        if (ingresses.size() != 1) {
            problems.add("expected exactly one Ingress, found " + ingresses.size());
            return;
        }
        ObjectNode ingress = ingresses.get(0);
        String where = "Ingress " + name(ingress);
        Map<String, String> expected = new LinkedHashMap<>();
        for (ServiceSpec service : SERVICES) {
            service.routes().forEach(route -> expected.put(route, service.name()));
        }
        Map<String, String> routed = new LinkedHashMap<>();
        Set<String> hosts = new TreeSet<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            if (rule.has("host")) {
                hosts.add(rule.get("host").asText());
            } else if (context.production()) {
                problems.add(where + ": a production rule needs a host");
            }
            for (JsonNode path : rule.path("http").path("paths")) {
                String prefix = path.path("path").asText();
                JsonNode backend = path.path("backend").path("service");
                if (!"Prefix".equals(path.path("pathType").asText())) {
                    problems.add(where + ": " + prefix + " must use pathType Prefix");
                }
                if (!expected.containsKey(prefix)) {
                    problems.add(where + ": routes " + prefix + ", which is not an api.md path prefix (it would expose "
                            + "more than the contract, e.g. /q/metrics)");
                    continue;
                }
                String service = backend.path("name").asText();
                routed.put(prefix, service);
                if (!service.equals(expected.get(prefix))) {
                    problems.add(where + ": " + prefix + " goes to " + service + ", but " + expected.get(prefix) + " serves it");
                }
                if (!backend.path("port").path("name").asText().equals("http")) {
                    problems.add(where + ": " + prefix + " must target the service port named http");
                }
            }
        }
        for (String prefix : expected.keySet()) {
            if (!routed.containsKey(prefix)) {
                problems.add(where + ": api.md path " + prefix + " is not routed");
            }
        }
        if (context.production()) {
            Set<String> tlsHosts = new TreeSet<>();
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                tls.path("hosts").forEach(host -> tlsHosts.add(host.asText()));
            }
            if (hosts.isEmpty() || !tlsHosts.containsAll(hosts)) {
                problems.add(where + ": production hosts " + hosts + " must all be covered by TLS " + tlsHosts);
            }
        }
    }

    // ------------------------------------------------------------------ Kafka

    private void checkKafka() {
        List<ObjectNode> kafkas = ofKind("kafka.strimzi.io", "Kafka");
        if (kafkas.size() != 1) {
            problems.add("expected exactly one Strimzi Kafka, found " + kafkas.size());
            return;
        }
        ObjectNode kafka = kafkas.get(0);
        String where = "Kafka " + name(kafka);
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        if (!"false".equals(config.path("auto.create.topics.enable").asText())) {
            problems.add(where + ": auto.create.topics.enable must be false; topics come only from KafkaTopics");
        }
        int controllers = 0;
        int brokers = 0;
        for (ObjectNode pool : ofKind("kafka.strimzi.io", "KafkaNodePool")) {
            if (!name(kafka).equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add(ResourceId.of(pool) + ": label strimzi.io/cluster must name " + name(kafka));
                continue;
            }
            int replicas = pool.path("spec").path("replicas").asInt();
            for (JsonNode role : pool.path("spec").path("roles")) {
                controllers += role.asText().equals("controller") ? replicas : 0;
                brokers += role.asText().equals("broker") ? replicas : 0;
            }
        }
        if (controllers == 0 || brokers == 0) {
            problems.add(where + ": node pools must provide controllers and brokers (found " + controllers + " and " + brokers + ")");
        }
        if (context.production()) {
            if (controllers < 3 || controllers % 2 == 0) {
                problems.add(where + ": production needs an odd number of at least 3 KRaft controllers, found " + controllers);
            }
            if (brokers < 3) {
                problems.add(where + ": production needs at least 3 brokers for replication 3, found " + brokers);
            }
            if (config.path("min.insync.replicas").asInt(1) < 2 || config.path("default.replication.factor").asInt(1) < 3) {
                problems.add(where + ": production needs default.replication.factor 3 and min.insync.replicas 2");
            }
        }
    }

    private void checkTopics() {
        List<ObjectNode> kafkas = ofKind("kafka.strimzi.io", "Kafka");
        String cluster = kafkas.isEmpty() ? "" : name(kafkas.get(0));
        Map<String, ObjectNode> topics = new LinkedHashMap<>();
        for (ObjectNode topic : ofKind("kafka.strimzi.io", "KafkaTopic")) {
            String topicName = topic.path("spec").path("topicName").asText(name(topic));
            topics.put(topicName, topic);
            if (!cluster.equals(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add("KafkaTopic " + topicName + ": label strimzi.io/cluster must name " + cluster);
            }
        }
        Set<String> known = new HashSet<>();
        for (TopicSpec expected : context.topics()) {
            known.add(expected.name());
            ObjectNode topic = topics.get(expected.name());
            if (topic == null) {
                problems.add("topic " + expected.name() + " of events.md has no KafkaTopic");
                continue;
            }
            String where = "KafkaTopic " + expected.name();
            JsonNode spec = topic.path("spec");
            String policy = spec.path("config").path("cleanup.policy").asText("delete");
            if (expected.compacted() != policy.contains("compact")) {
                problems.add(where + ": cleanup.policy " + policy + ", but events.md says "
                        + (expected.compacted() ? "compacted" : "not compacted"));
            }
            if (!expected.compacted() && !spec.path("config").has("retention.ms")) {
                problems.add(where + ": retention.ms must be explicit");
            }
            if (!spec.has("partitions")) {
                problems.add(where + ": partitions must be explicit (they bound consumer parallelism)");
            }
            if (context.production() && spec.path("replicas").asInt(0) != 3) {
                problems.add(where + ": production needs replicas 3, found " + spec.path("replicas"));
            }
        }
        for (String topicName : topics.keySet()) {
            if (!known.contains(topicName)) {
                problems.add("KafkaTopic " + topicName + ": not a topic of events.md (Topics.ALL)");
            }
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    private void checkDatabases() {
        Set<String> objectStores = new HashSet<>();
        ofKind("barmancloud.cnpg.io", "ObjectStore").forEach(store -> objectStores.add(name(store)));
        for (ServiceSpec service : SERVICES) {
            ObjectNode cluster = one("postgresql.cnpg.io", "Cluster", service.databaseCluster());
            if (cluster == null) {
                continue;
            }
            String where = "Cluster " + service.databaseCluster();
            JsonNode spec = cluster.path("spec");
            if (!service.database().equals(spec.path("bootstrap").path("initdb").path("database").asText())) {
                problems.add(where + ": must create database " + service.database());
            }
            if (context.production()) {
                if (spec.path("instances").asInt() < 3) {
                    problems.add(where + ": production needs 3 instances (a primary and two standbys)");
                }
                boolean archived = false;
                for (JsonNode plugin : spec.path("plugins")) {
                    archived |= plugin.path("isWALArchiver").asBoolean(false)
                            && objectStores.contains(plugin.path("parameters").path("barmanObjectName").asText());
                }
                if (!archived) {
                    problems.add(where + ": production needs WAL archiving to an ObjectStore (backups)");
                }
                boolean scheduled = false;
                for (ObjectNode backup : ofKind("postgresql.cnpg.io", "ScheduledBackup")) {
                    scheduled |= backup.path("spec").path("cluster").path("name").asText().equals(service.databaseCluster());
                }
                if (!scheduled) {
                    problems.add(where + ": production needs a ScheduledBackup");
                }
            }
            checkDatabasePolicy(service);
        }
    }

    private void checkDatabasePolicy(ServiceSpec service) {
        ObjectNode policy = null;
        for (ObjectNode candidate : ofKind("networking.k8s.io", "NetworkPolicy")) {
            if (service.databaseCluster().equals(candidate.path("spec").path("podSelector").path("matchLabels")
                    .path("cnpg.io/cluster").asText())) {
                policy = candidate;
            }
        }
        String where = "NetworkPolicy for " + service.databaseCluster();
        if (policy == null) {
            problems.add(where + ": missing; any pod could connect to the database");
            return;
        }
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            if (!rule.has("from") || rule.path("from").isEmpty()) {
                problems.add(where + ": an ingress rule without 'from' admits every pod");
            }
            for (JsonNode peer : rule.path("from")) {
                String app = peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText("");
                if (!app.isEmpty() && !app.equals(service.name())) {
                    problems.add(where + ": admits " + app + "; only " + service.name() + " may use this database");
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<ObjectNode> ofKind(String group, String kind) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode object : objects) {
            ResourceId id = ResourceId.of(object);
            if (id.group().equals(group) && id.kind().equals(kind)) {
                found.add(object);
            }
        }
        return found;
    }

    private ObjectNode one(String group, String kind, String name) {
        return one(group, kind, name, true);
    }

    private ObjectNode one(String group, String kind, String name, boolean required) {
        for (ObjectNode object : ofKind(group, kind)) {
            if (name.equals(name(object))) {
                return object;
            }
        }
        if (required) {
            problems.add(kind + " " + name + ": missing");
        }
        return null;
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** matchLabels-style selector (a map) selects labels when every pair is present. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        boolean[] all = {true};
        selector.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText(null)));
        return all[0];
    }

    private static boolean selectsWithExpressions(JsonNode selector, JsonNode labels) {
        if (selector.has("matchLabels") && !selects(selector.get("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return selector.has("matchLabels") || selector.has("matchExpressions");
    }
}
