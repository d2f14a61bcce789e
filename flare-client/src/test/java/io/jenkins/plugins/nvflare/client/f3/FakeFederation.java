package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedReplies;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.testing.CaptureTrees;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A FLARE server on loopback for tests outside this package (the plugin's JenkinsRule tests of the
 * native transport): real mutual TLS with the f3 fixture certificates over the {@code tcp} scheme (or
 * {@code http}: a websocket per session), one session per client call, replaying the captured hello-numpy run — submit gives the job of
 * 21-job-submit, the job runs once and then finishes as in 26-job-meta (stats of 23-job-stats-running
 * meanwhile), logs are 27-job-logs-all-json's, and the download is the tree of 28-job-download-tree.txt.
 */
public final class FakeFederation implements AutoCloseable {
    private final FakeFlareServer server;
    private final ScriptedReplies replies = new ScriptedReplies();
    private final Path scratch;
    private final String scheme;
    private final int runningPolls;
    /** What the server says of the job besides the capture: nothing, or a hostile server's texts. */
    private final UnaryOperator<Map<String, Object>> metaEdit;

    private int port;

    private FakeFederation(
            FakeFlareServer server,
            Path scratch,
            String scheme,
            int runningPolls,
            UnaryOperator<Map<String, Object>> metaEdit) {
        this.server = server;
        this.scratch = scratch;
        this.scheme = scheme;
        this.runningPolls = runningPolls;
        this.metaEdit = metaEdit;
    }

    /** Starts the server on the tcp scheme; {@code scratch} is an empty folder for the server side's files. */
    public static FakeFederation helloNumpy(Path scratch) throws Exception {
        return helloNumpy(scratch, "tcp");
    }

    /** Starts the server on {@code scheme} ("tcp", "http" or "grpc"); {@code scratch} as in {@link #helloNumpy(Path)}. */
    public static FakeFederation helloNumpy(Path scratch, String scheme) throws Exception {
        return helloNumpy(scratch, scheme, 1);
    }

    /** As {@link #helloNumpy(Path, String)}, the job answering RUNNING to the first {@code runningPolls} meta requests. */
    public static FakeFederation helloNumpy(Path scratch, String scheme, int runningPolls) throws Exception {
        return start(scratch, scheme, runningPolls, UnaryOperator.identity());
    }

    /**
     * A hostile server on the tcp scheme: the hello-numpy run with {@code payload} as the job's name, study, status (after
     * {@code FINISHED:} once it ends) and as a site's name and deployment result.
     */
    public static FakeFederation hostile(Path scratch, String payload) throws Exception {
        return start(scratch, "tcp", 2, meta -> {
            Map<String, Object> edited = new java.util.LinkedHashMap<>(meta);
            edited.put("name", payload);
            edited.put("study", payload);
            edited.put("status", "RUNNING".equals(meta.get("status")) ? "RUNNING " + payload : "FINISHED:" + payload);
            edited.put("job_deploy_detail", List.of("server: OK", payload + ": " + payload));
            return edited;
        });
    }

    private static FakeFederation start(
            Path scratch, String scheme, int runningPolls, UnaryOperator<Map<String, Object>> metaEdit)
            throws Exception {
        FakeFederation federation = new FakeFederation(
                new FakeFlareServer(), Files.createDirectories(scratch), scheme, runningPolls, metaEdit);
        federation.script();
        federation.port = federation.server.serveEachSession(scheme);
        return federation;
    }

    /** The job id submit returns (21-job-submit). */
    public static String jobId() {
        return (String) CliCaptures.dataMap("21-job-submit").get("job_id");
    }

    /** The new job id cloning the job gives (160-clone). */
    public static String clonedJobId() {
        return (String) CliCaptures.dataMap("160-clone").get("new_job_id");
    }

    private void script() throws Exception {
        String job = jobId();
        Map<String, Object> finished = CliCaptures.dataMap("26-job-meta");
        FakeStreamServer stream = FakeStreamServer.install(server).newJobIds(job);
        stream.offer(FakeStreamServer.serverFiles(
                CaptureTrees.materialize("28-job-download-tree.txt", scratch.resolve("server-side"))));
        for (int i = 0; i < runningPolls; i++) {
            replies.on(
                    "get_job_meta " + job,
                    ServerReplies.jobMeta(metaEdit.apply(ServerReplies.runningJobMeta(finished))));
        }
        replies.on("get_job_meta " + job, ServerReplies.jobMeta(metaEdit.apply(finished)));
        replies.on(
                "show_stats " + job + " server",
                ServerReplies.stats(Map.of(
                        "server",
                        ((Map<?, ?>) CliCaptures.dataMap("23-job-stats-running").get("stats")).get("server"))));
        Object serverLog =
                ((Map<?, ?>) CliCaptures.dataMap("27-job-logs-all-json").get("logs")).get("server");
        replies.on(
                "get_job_log " + job + " all log.json",
                ServerReplies.jobLog(Map.of("logs", Map.of("server", serverLog))));
        replies.on("clone_job " + job, ServerReplies.cloned(job, clonedJobId()));
        replies.on("delete_job " + job, ServerReplies.deleted(job, 0));
        replies.on(
                "configure_job_log " + job + " all DEBUG",
                ServerReplies.logConfiguredOnClients(job, true, List.of("site-1", "site-2")));
        // The download's own job check goes to the scripted answers too, after the run has finished.
        server.command("get_job_meta", replies::answer);
        server.answering(replies::answer);
    }

    /** From now on every login learns that the server is NVFlare {@code version} (2.8.1 unless told). */
    public FakeFederation reportingVersion(String version) {
        replies.serverVersion(version);
        return this;
    }

    /** An admin startup kit zip for this server (fed_admin.json: its scheme, 127.0.0.1 and its port). */
    public byte[] adminKitZip() throws IOException {
        Path dir = Files.createTempDirectory(scratch, "kit");
        Path kit = F3Fixtures.adminKit(dir, scheme, port);
        return TestKits.zip(dir, List.of(kit));
    }

    /** The hci commands the server ran, in order (logins and logouts included). */
    public List<String> commands() {
        return server.log().stream()
                .filter(e -> e.startsWith("command "))
                .map(e -> e.substring("command ".length()).replaceFirst(" token=\\S+$", ""))
                .toList();
    }

    /** How many times a client logged in. */
    public long logins() {
        return server.log().stream().filter(e -> e.startsWith("cert_login ")).count();
    }

    /** Commands that arrived with no scripted answer; empty when the client only did what the run allows. */
    public List<String> unscripted() {
        return replies.unscripted();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
