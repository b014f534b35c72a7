package org.yimeng.local;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.yimeng.model.event.Topics;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/** A real single-node Apache Kafka broker in KRaft mode, running in this JVM from Maven Central artifacts. */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the log directory when it is new, then starts the broker.
     *
     * @param logDir where the log lives between runs
     * @param port   the client port, or 0 for any free port
     */
    public static KafkaBroker start(File logDir, int port) throws IOException {
        return start(logDir, port, 0);
    }

    /** As {@link #start(File, int)}, with a fixed controller port so that a restarted broker finds its quorum. */
    public static KafkaBroker start(File logDir, int port, int controllerPort) throws IOException {
        int clientPort = port > 0 ? port : freePort();
        controllerPort = controllerPort > 0 ? controllerPort : freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.getAbsolutePath());
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));

        logDir.mkdirs();
        if (!new File(logDir, "meta.properties").exists()) {
            File propsFile = File.createTempFile("kafka-format", ".properties");
            try (var out = Files.newOutputStream(propsFile.toPath())) {
                props.store(out, "format");
            }
            var buffer = new ByteArrayOutputStream();
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.getAbsolutePath()},
                    new PrintStream(buffer, true, StandardCharsets.UTF_8));
            propsFile.delete();
            if (rc != 0) {
                throw new IOException("kafka storage format failed: " + buffer.toString(StandardCharsets.UTF_8));
            }
        }
        var server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, clientPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates every topic of events.md that does not exist yet (compacted where events.md says). */
    public List<String> createTopics(int partitions) throws InterruptedException {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (var spec : Topics.ALL) {
                var topic = new NewTopic(spec.name(), partitions, (short) 1)
                        .configs(spec.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(spec.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
                    }
                }
            }
        }
        return created;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
