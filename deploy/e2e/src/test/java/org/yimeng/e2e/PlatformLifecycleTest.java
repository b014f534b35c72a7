package org.yimeng.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yimeng.local.LocalPlatform;

/**
 * The platform as the run command starts it: both packaged services as separate processes on the real database and
 * broker. Readiness follows the infrastructure, liveness does not, and stopping leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformLifecycleTest {
    static final List<String> SERVICES = List.of("volunteer-service", "donation-service");
    static LocalPlatform platform;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", "../..")).toAbsolutePath().normalize();
        platform = new LocalPlatform(root, Files.createTempDirectory("e2e-lifecycle"), 0, 0, 0, 0);
        platform.startPostgres();
        platform.startKafka();
        for (String s : SERVICES) {
            platform.startService(s);
        }
        for (String s : SERVICES) {
            platform.awaitReady(s, Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void bothServicesAreReadyAndServeTheirDocuments() throws Exception {
        for (String s : SERVICES) {
            assertEquals(200, status(s, "/q/health/ready", null));
            assertEquals(200, status(s, "/q/health/started", null));
            assertEquals(200, status(s, "/q/openapi", null));
            assertEquals(200, status(s, "/q/metrics", null));
        }
    }

    @Test
    @Order(1)
    void servicesListenOnLoopbackOnly() throws Exception {
        java.net.InetAddress external = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                }).flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "this machine has no address but loopback");
        for (String s : SERVICES) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(external, platform.service(s).port()), 2000);
                org.junit.jupiter.api.Assertions.fail(s + " answers on " + external.getHostAddress());
            } catch (java.net.ConnectException refused) {
                // nothing listens there: only 127.0.0.1
            }
        }
    }

    @Test
    @Order(2)
    void readinessGoesDownWhileKafkaIsAwayAndComesBackAlone() throws Exception {
        platform.stopKafka();
        for (String s : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(s, "/q/health/ready", null) == 503);
            assertEquals(200, status(s, "/q/health/live", null), "liveness stays UP: restarting would not help");
        }
        platform.startKafka();
        for (String s : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(s, "/q/health/ready", null) == 200);
        }
    }

    @Test
    @Order(3)
    void readinessGoesDownWhileDatabaseIsAwayAndComesBackAlone() throws Exception {
        platform.stopPostgres();
        for (String s : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(s, "/q/health/ready", null) == 503);
            assertEquals(200, status(s, "/q/health/live", null));
        }
        platform.startPostgres();
        for (String s : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(s, "/q/health/ready", null) == 200);
        }
    }

    @Test
    @Order(4)
    void stoppingLeavesNoProcessAndFreesThePorts() throws Exception {
        List<ProcessHandle> children = new ArrayList<>();
        platform.processes().values().forEach(p -> children.add(p.toHandle()));
        List<Integer> ports = SERVICES.stream().map(s -> platform.service(s).port()).toList();
        platform.close();
        for (ProcessHandle h : children) {
            assertFalse(h.isAlive(), "service process " + h.pid() + " still alive");
        }
        for (int port : ports) {
            assertTrue(portIsFree(port), "port " + port + " still bound");
        }
        platform = null;
    }

    static int status(String service, String path, String token) {
        try {
            var req = HttpRequest.newBuilder(URI.create(platform.baseUrl(service) + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static boolean portIsFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
