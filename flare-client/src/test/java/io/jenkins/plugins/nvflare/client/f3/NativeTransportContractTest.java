package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareClientContract;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.session.KitAdminSessions;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedReplies;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.testing.CaptureTrees;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared contract for {@link NativeFlareClient}, end to end over mutual TLS on the {@code tcp} scheme
 * ({@link NativeHttpTransportContractTest} runs it over {@code http}): a {@link FakeFlareServer} (one session
 * per call, as the client opens them) answers each scenario's hci commands with the replies the server
 * builds (ServerReplies) from the capture's data, and {@link FakeStreamServer} does the uploads and
 * downloads. Time is a {@link FakeClock} so waiting and monitoring take no real time.
 */
class NativeTransportContractTest extends FlareClientContract {
    private static final double NOW = 1_795_562_340.0; // a time.time() of the capture day
    private final ScriptedReplies replies = new ScriptedReplies();
    private FakeFlareServer server;
    private int serverPort;

    /** The kit's scheme, which the fake server serves every session over. */
    String scheme() {
        return "tcp";
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        assertEquals(List.of(), replies.unscripted(), "commands the scenario did not expect");
    }

    @Override
    protected FlareClient given(Scenario scenario) throws Exception {
        FakeClock clock = new FakeClock(NOW);
        switch (scenario) {
            case SERVER_DOWN_META,
                    SERVER_DOWN_SUBMIT,
                    SERVER_DOWN_MONITOR,
                    SERVER_DOWN_CLONE,
                    SERVER_DOWN_DELETE,
                    SERVER_DOWN_LOG_CONFIG -> {
                return client(closedPort(), clock);
            }
            // Refused before connecting: a client that connected would meet the closed port (CONNECTION_FAILED).
            case SUBMIT_NO_SUCH_FOLDER,
                    SUBMIT_FOLDER_WITHOUT_META,
                    SUBMIT_FOLDER_WITHOUT_SERVER_CONFIG,
                    SUBMIT_META_NOT_JSON,
                    SUBMIT_FOLDER_WITH_LINK,
                    SUBMIT_BAD_TOKENS,
                    SUBMIT_TOKEN_WITH_A_LARGE_FILE,
                    META_JOB_ID_LIKE_AN_OPTION,
                    LOGS_SINCE_NOT_A_TIMESTAMP,
                    LOG_CONFIG_MISSING_LEVEL,
                    LOG_CONFIG_LEVEL_LIKE_AN_OPTION -> {
                return client(closedPort(), clock);
            }
            case KIT_WITHOUT_FED_ADMIN, KIT_OF_A_SITE, KIT_KEY_NOT_THE_CERTIFICATES, KIT_WITH_A_SITE_CERTIFICATE -> {
                int port = closedPort();
                Path kit = F3Fixtures.adminKit(tmp.resolve("kit"), scheme(), port);
                brokenKit(scenario, kit);
                return new NativeFlareClient(new KitAdminSessions(kit, Duration.ofSeconds(10)), clock);
            }
            default -> {}
        }
        server = new FakeFlareServer();
        switch (scenario) {
            case SUBMIT -> stream().newJobIds(jobId("21-job-submit"));
            case SUBMIT_SAME_TOKEN_TWICE -> stream().newJobIds(jobId("30-submit-token-t1-first"));
            case SUBMIT_TOKEN_CONFLICT ->
                stream().tokenUsed("t1", (String)
                        ((Map<?, ?>) CliCaptures.data("32-submit-token-t1-different-content")).get("existing_job_id"));
            case META -> replies.on("get_job_meta " + JOB, ServerReplies.jobMeta(CliCaptures.dataMap("26-job-meta")));
            case META_UNKNOWN_JOB -> replies.on("get_job_meta " + UNKNOWN_JOB, ServerReplies.noSuchJob(UNKNOWN_JOB));
            case WAIT_COMPLETED ->
                replies.on(
                        "get_job_meta " + JOB,
                        ServerReplies.jobMeta(running("26-job-meta")),
                        ServerReplies.jobMeta(CliCaptures.dataMap("26-job-meta")));
            case WAIT_ABORTED ->
                replies.on("get_job_meta " + LONG_JOB, ServerReplies.jobMeta(CliCaptures.dataMap("44-meta-aborted")));
            case MONITOR_COMPLETED -> {
                // 22: progress every >= 5 s while RUNNING, polled every 2 s from 3.5 s after the start, then done.
                HciReply run = ServerReplies.jobMeta(running("26-job-meta"));
                replies.on(
                        "get_job_meta " + JOB,
                        run,
                        run,
                        run,
                        run,
                        run,
                        run,
                        run,
                        ServerReplies.jobMeta(CliCaptures.dataMap("26-job-meta")));
                replies.on(
                        "show_stats " + JOB + " server",
                        ServerReplies.stats(Map.of(
                                "server",
                                ((Map<?, ?>) CliCaptures.dataMap("23-job-stats-running")
                                                .get("stats"))
                                        .get("server"))));
                clock = new FakeClock(epoch(CliCaptures.dataMap("26-job-meta").get("start_time")) + 3.5);
            }
            case MONITOR_ABORTED -> {
                Map<String, Object> aborted = CliCaptures.dataMap("44-meta-aborted");
                replies.on("get_job_meta " + LONG_JOB, ServerReplies.jobMeta(aborted));
                clock = new FakeClock(epoch(aborted.get("start_time")) + 27.5);
            }
            case LIST_ALL ->
                replies.on("list_jobs", ServerReplies.jobList(CliCaptures.dataList("24-job-list-running")));
            case LIST_BY_TOKEN ->
                replies.on(
                        "list_jobs --submit-token t1",
                        ServerReplies.jobList(CliCaptures.dataList("33-job-list-by-token")));
            // job_cmds.py abort_job's messages for a running and an already finished job
            case ABORT_RUNNING ->
                replies.on(
                        "abort_job " + LONG_JOB,
                        ServerReplies.aborted("Abort signal has been sent to the server app."));
            case ABORT_FINISHED ->
                replies.on("abort_job " + JOB, ServerReplies.aborted("Job for " + JOB + " is already completed."));
            case LOGS_ALL_SITES ->
                replies.on(
                        "get_job_log " + JOB + " all log.json",
                        ServerReplies.jobLog(Map.of("logs", Map.of("server", serverLog("27-job-logs-all-json")))));
            case LOGS_ONE_SITE -> {
                Map<String, Object> none = new LinkedHashMap<>();
                none.put("logs", Map.of());
                none.put("unavailable", Map.of("site-1", "client log stream not available for this job"));
                replies.on("get_job_log " + JOB + " site-1 log.json", ServerReplies.jobLog(none));
                replies.on("get_job_log " + JOB + " site-1", ServerReplies.jobLog(none));
            }
            case STATS ->
                replies.on(
                        "show_stats " + JOB + " all",
                        ServerReplies.stats(castMap(
                                CliCaptures.dataMap("23-job-stats-running").get("stats"))));
            case DOWNLOAD ->
                stream()
                        .offer(FakeStreamServer.serverFiles(
                                CaptureTrees.materialize("28-job-download-tree.txt", tmp.resolve("server-side"))));
            // job_cmds.py authorize_job_id reads "a" of "get_job_meta a b" as the job id
            case META_JOB_ID_WITH_A_SPACE ->
                replies.on("get_job_meta " + JOB_ID_WITH_A_SPACE, ServerReplies.invalidJobId("a"));
            case SERVER_GOES_AWAY_DURING_META -> replies.hangUpOn("get_job_meta " + JOB);
            case CLONE ->
                replies.on("clone_job " + FINISHED_JOB, ServerReplies.cloned(FINISHED_JOB, (String)
                        CliCaptures.dataMap("160-clone").get("new_job_id")));
            case CLONE_UNKNOWN_JOB -> replies.on("clone_job " + UNKNOWN_JOB, ServerReplies.noSuchJob(UNKNOWN_JOB));
            case DELETE_FINISHED -> replies.on("delete_job " + FINISHED_JOB, ServerReplies.deleted(FINISHED_JOB, 0));
            case DELETE_WITH_A_SUBMIT_TOKEN ->
                replies.on("delete_job " + TOKEN_JOB, ServerReplies.deleted(TOKEN_JOB, 1));
            case DELETE_RUNNING ->
                replies.on("delete_job " + RUNNING_JOB, ServerReplies.deleteRefusedRunning(RUNNING_JOB));
            case DELETE_UNKNOWN_JOB -> replies.on("delete_job " + UNKNOWN_JOB, ServerReplies.noSuchJob(UNKNOWN_JOB));
            // log-config reads the job's meta first (cmd_job_log), then sends what the audit log of the live run shows
            case LOG_CONFIG_SERVER ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " server DEBUG",
                        ServerReplies.logConfiguredOnServer(RUNNING_JOB));
            case LOG_CONFIG_SITE ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " client site-1 INFO",
                        ServerReplies.logConfiguredOnClients(RUNNING_JOB, false, List.of("site-1")));
            case LOG_CONFIG_ALL ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " all INFO",
                        ServerReplies.logConfiguredOnClients(RUNNING_JOB, true, List.of("site-2", "site-1")));
            case LOG_CONFIG_UNKNOWN_LEVEL_ON_SERVER ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " server LOUD",
                        ServerReplies.logConfigRefused(UNKNOWN_LEVEL));
            case LOG_CONFIG_UNKNOWN_LEVEL_ON_A_SITE ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " client site-1 LOUD",
                        ServerReplies.logConfigRefusedByClient("site-1", UNKNOWN_LEVEL));
            case LOG_CONFIG_UNKNOWN_SITE ->
                logConfig(
                        RUNNING_JOB,
                        "RUNNING",
                        "configure_job_log " + RUNNING_JOB + " client site-9 INFO",
                        ServerReplies.invalidTarget("site-9"));
            // a finished job: nothing after the meta (an unscripted configure_job_log would fail the test)
            case LOG_CONFIG_FINISHED_JOB ->
                replies.on(
                        "get_job_meta " + FINISHED_JOB,
                        ServerReplies.jobMeta(meta(FINISHED_JOB, "FINISHED:COMPLETED")));
            case LOG_CONFIG_QUEUED_JOB ->
                logConfig(
                        QUEUED_JOB,
                        "SUBMITTED",
                        "configure_job_log " + QUEUED_JOB + " all DEBUG",
                        ServerReplies.logConfigRefused("Job " + QUEUED_JOB + " must be running but is SUBMITTED"));
            case LOG_CONFIG_UNKNOWN_JOB ->
                replies.on("get_job_meta " + UNKNOWN_JOB, ServerReplies.noSuchJob(UNKNOWN_JOB));
            default -> throw new IllegalArgumentException("no server side for " + scenario);
        }
        server.answering(replies::answer);
        serverPort = server.serveEachSession(scheme());
        return client(serverPort, clock);
    }

    /** The kits of the KIT_ scenarios: the fixture admin kit with one thing wrong. */
    private void brokenKit(Scenario scenario, Path kit) throws Exception {
        Path startup = kit.resolve("startup");
        switch (scenario) {
            case KIT_WITHOUT_FED_ADMIN -> Files.delete(startup.resolve("fed_admin.json"));
            case KIT_OF_A_SITE -> {
                // a site's kit as provisioned: fed_client.json instead of fed_admin.json
                Files.delete(startup.resolve("fed_admin.json"));
                Files.writeString(startup.resolve("fed_client.json"), "{\"format_version\": 2, \"servers\": []}");
            }
            case KIT_KEY_NOT_THE_CERTIFICATES ->
                Files.write(startup.resolve("client.key"), F3Fixtures.bytes("server-3072.key"));
            case KIT_WITH_A_SITE_CERTIFICATE -> {
                // role "client", as nvflare cert writes a site's certificate
                Path site = TestKits.writeKitWithSiteCertificate(tmp.resolve("site-kit"), "site-1", "client");
                Files.copy(
                        site.resolve("startup/client.crt"),
                        startup.resolve("client.crt"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.copy(
                        site.resolve("startup/client.key"),
                        startup.resolve("client.key"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            default -> throw new IllegalArgumentException(scenario.name());
        }
    }

    /** Nothing was sent: no server was started for the scenario (its port was closed), or it saw no command. */
    @Override
    protected void assertNothingSent() {
        if (server != null) {
            assertEquals(
                    List.of(),
                    server.log().stream().filter(l -> l.startsWith("command ")).toList());
        }
    }

    /** The native message for a server that went away names it by the address of the kit (issue 9). */
    @Test
    void aServerGoingAwayIsNamedByItsAddress() throws Exception {
        FlareClient client = given(Scenario.SERVER_GOES_AWAY_DURING_META);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertTrue(
                e.getMessage().startsWith("The FLARE server at 127.0.0.1:" + serverPort + " closed the connection"),
                e.getMessage());
        assertFalse((e.getMessage() + e.hint()).contains("client"), e.describe());
    }

    /** What the server job answers for a level it does not know (log_utils.py validate_site_log_config). */
    private static final String UNKNOWN_LEVEL =
            "ValueError: configure_site_log only supports log levels and built-in log modes";

    /** The meta of a job in {@code status}, then the answer to the configure_job_log command line. */
    private void logConfig(String jobId, String status, String command, HciReply answer) {
        replies.on("get_job_meta " + jobId, ServerReplies.jobMeta(meta(jobId, status)));
        replies.on(command, answer);
    }

    private static Map<String, Object> meta(String jobId, String status) {
        Map<String, Object> meta = new LinkedHashMap<>(CliCaptures.dataMap("26-job-meta"));
        meta.put("job_id", jobId);
        meta.put("status", status);
        return meta;
    }

    private FakeStreamServer stream() throws Exception {
        return FakeStreamServer.install(server);
    }

    private FlareClient client(int port, FakeClock clock) throws Exception {
        Path kit = F3Fixtures.adminKit(tmp.resolve("kit"), scheme(), port);
        return new NativeFlareClient(new KitAdminSessions(kit, Duration.ofSeconds(10)), clock);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String jobId(String capture) {
        return (String) CliCaptures.dataMap(capture).get("job_id");
    }

    /** The completed job of a capture's meta as the server showed it while it was running. */
    private static Map<String, Object> running(String capture) {
        return ServerReplies.runningJobMeta(CliCaptures.dataMap(capture));
    }

    private static String serverLog(String capture) {
        return (String) ((Map<?, ?>) CliCaptures.dataMap(capture).get("logs")).get("server");
    }

    private static double epoch(Object iso) {
        OffsetDateTime t = OffsetDateTime.parse((String) iso);
        return t.toEpochSecond() + t.getNano() / 1e9;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
