package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One NativeFlareClient, one login: its calls share a session, a session the server ended or dropped is replaced
 * without the caller noticing, and closing the client logs out. Over every scheme, against FakeFlareServer.
 */
class F3SessionReuseTest {
    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final List<String> LOGIN = List.of(
            "hello admin-cell",
            "challenge from admin@nvidia.com",
            "register admin signed",
            "cert_login admin@nvidia.com signed study=default",
            "command report_version server token=ok"); // each login learns the server's version

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void theCallsOfOneClientShareOneLoginAndCloseLogsOut(String scheme) throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer.install(server);
            NativeFlareClient client = client(server, scheme);
            try (client) {
                client.meta(JOB, null);
                client.meta(JOB, null);
                client.submit(new SubmitRequest(job(), null, null));
                client.meta(JOB, null);
                assertEquals(LOGIN, server.log().subList(0, 5));
                assertEquals(
                        1, count(server.log(), "hello admin-cell"), server.log().toString());
            }
            awaitNoConnections(server);
            List<String> log = server.log();
            assertEquals("command _logout token=ok", log.get(log.size() - 1));
            assertEquals(1, count(log, "command _logout token=ok"));
            assertThrows(IllegalStateException.class, () -> client.meta(JOB, null), "nothing is kept after close");
        }
    }

    /** A step's console names the server's version once: the client says when it first logged in, and only then. */
    @Test
    void theClientSaysOnceWhenItFirstReachedTheServerAndItsVersion() throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer.install(server);
            List<FlareVersion> told = new ArrayList<>();
            try (NativeFlareClient client = client(server, "tcp")) {
                client.whenConnected(told::add);
                assertEquals(List.of(), told, "nothing before the first operation");
                client.meta(JOB, null);
                assertEquals(1, told.size());
                assertTrue(
                        server.log().contains("command report_version server token=ok"),
                        server.log().toString());
                client.meta(JOB, null);
                server.expireSessions();
                client.submit(new SubmitRequest(job(), null, null));
            }
            assertEquals(1, told.size(), "told once, not at each call or new login: " + told);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aSessionTheServerEndedIsReplacedByANewLogin(String scheme) throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer.install(server);
            try (NativeFlareClient client = client(server, scheme)) {
                client.meta(JOB, null);
                server.expireSessions();
                assertEquals("FINISHED:COMPLETED", client.meta(JOB, null).status());
            }
            List<String> log = server.log();
            assertEquals(2, count(log, "hello admin-cell"), log.toString());
            // the command the ended session refused ran again after the new login, and only then
            int refused = log.lastIndexOf("command get_job_meta " + JOB + " token=ok") - 6;
            assertEquals(LOGIN, log.subList(refused + 1, refused + 6));
            assertEquals("command get_job_meta " + JOB + " token=ok", log.get(refused + 6));
            assertEquals(3, count(log, "command get_job_meta " + JOB + " token=ok"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aConnectionTheServerDroppedIsReplacedByANewLogin(String scheme) throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer.install(server);
            try (NativeFlareClient client = client(server, scheme)) {
                client.meta(JOB, null);
                server.dropConnections();
                awaitNoConnections(server);
                assertEquals("FINISHED:COMPLETED", client.meta(JOB, null).status());
            }
            assertEquals(
                    2, count(server.log(), "hello admin-cell"), server.log().toString());
        }
    }

    /**
     * A client kept between a step's calls outlives the call's kit folder (deleted after each call): a later
     * login uses the kit read at the first one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aNewLoginNeedsNoKitFilesOnceTheFirstOneReadThem(String scheme) throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer.install(server);
            try (NativeFlareClient client = client(server, scheme)) {
                client.meta(JOB, null);
                deleteTree(tmp.resolve("kit-" + scheme));
                server.expireSessions();
                assertEquals("FINISHED:COMPLETED", client.meta(JOB, null).status());
            }
            assertEquals(
                    2,
                    count(server.log(), "cert_login admin@nvidia.com signed study=default"),
                    server.log().toString());
        }
    }

    /** An upload is never repeated, so the kept session is checked before it starts, however briefly it was idle. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void submitChecksTheKeptSessionFirstAndUploadsOnce(String scheme) throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server);
            try (NativeFlareClient client = client(server, scheme)) {
                client.meta(JOB, null);
                server.expireSessions();
                assertEquals(FakeStreamServer.NEW_JOB_ID, client.submit(new SubmitRequest(job(), null, null)));
            }
            List<String> log = server.log();
            int check = log.indexOf("command _check_session token=ok");
            assertTrue(check > 0, log.toString());
            assertEquals(LOGIN, log.subList(check + 1, check + 6));
            assertEquals(
                    1,
                    stream.log().stream().filter(e -> e.startsWith("submit ")).count(),
                    stream.log().toString());
        }
    }

    private NativeFlareClient client(FakeFlareServer server, String scheme) throws Exception {
        int port = server.serveEachSession(scheme);
        return new NativeFlareClient(
                F3Fixtures.adminKit(tmp.resolve("kit-" + scheme), scheme, port), Duration.ofSeconds(10));
    }

    private Path job() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("jobs/hello"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello\"}");
        Files.writeString(Files.createDirectories(job.resolve("app/config")).resolve("config_fed_server.json"), "{}");
        return job;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static long count(List<String> log, String entry) {
        return log.stream().filter(entry::equals).count();
    }

    private static void awaitNoConnections(FakeFlareServer server) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (server.openConnections() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), "the server still serves a connection");
    }
}
