package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.CloneResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract tests: each replays real captures from {@code nvflare-cli-captures/} (named in each
 * test) through the fake {@code nvflare} and checks the argv sent and the typed result.
 */
class CliFlareClientContractTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final String LONG_JOB = "3a753c6b-0b55-4a6e-97e9-a87b92e05356";

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    private FakeNvflare fake;
    private Path kit;
    private CliFlareClient client;

    @BeforeEach
    void setUp() throws IOException {
        fake = FakeNvflare.install(tmp.resolve("bin"));
        kit = tmp.resolve("kit/admin@nvidia.com");
        client = new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), kit);
    }

    /** A job folder the transport's own check accepts (JobFolders): meta.json and app/config. */
    private static Path job(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("app/config"));
        java.nio.file.Files.writeString(dir.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
        java.nio.file.Files.writeString(dir.resolve("app/config/config_fed_server.json"), "{}");
        java.nio.file.Files.writeString(dir.resolve("app/config/config_fed_client.json"), "{}");
        return dir;
    }

    private List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--startup-kit", kit.toString(), "--format", "json"));
        return argv;
    }

    // ---- submit

    @ParameterizedTest
    @ValueSource(
            strings = {
                "21-job-submit",
                "112-tcp-submit",
                "122-grpc-submit",
                "40-submit-long",
                "47-submit-long2",
                "70-submit-logstream"
            })
    void submitReturnsTheJobId(String capture) throws Exception {
        fake.replay(capture);
        Path folder = job(tmp.resolve("jobs/hello-numpy"));
        String jobId = client.submit(new SubmitRequest(folder, null, null));
        String expected = new String(FakeNvflare.resource(capture + ".stdout"))
                .replaceAll("(?s).*\"job_id\": \"([^\"]+)\".*", "$1")
                .strip();
        assertEquals(expected, jobId);
        assertEquals(argv("job", "submit", "-j", folder.toAbsolutePath().toString()), fake.lastCall());
    }

    @Test
    void submitWithTokenTwiceGivesTheSameJob() throws Exception {
        // Replays 30-submit-token-t1-first then 31-submit-token-t1-second.
        fake.replay("30-submit-token-t1-first").replay("31-submit-token-t1-second");
        Path folder = job(tmp.resolve("jobs/hello-numpy"));
        SubmitRequest request = new SubmitRequest(folder, "cancer", "t1");
        assertEquals("8c289762-3e13-4b47-bad3-e439ba1e94cf", client.submit(request));
        assertEquals("8c289762-3e13-4b47-bad3-e439ba1e94cf", client.submit(request));
        assertEquals(
                argv(
                        "job",
                        "submit",
                        "-j",
                        folder.toAbsolutePath().toString(),
                        "--study",
                        "cancer",
                        "--submit-token",
                        "t1"),
                fake.lastCall());
        assertEquals(2, fake.calls().size());
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws Exception {
        // Replays 21-job-submit and 28-job-download with relative paths, as a Jenkins workspace would pass them.
        fake.replay("21-job-submit").replay("28-job-download");
        Path workspace = java.nio.file.Files.createDirectories(tmp.resolve("ws"));
        job(workspace.resolve("jobs/hello-numpy"));
        CliFlareClient inWorkspace = new CliFlareClient(
                CliConfig.defaults()
                        .withExecutable(fake.executable().toString())
                        .withWorkingDirectory(workspace),
                Path.of("kit"));
        inWorkspace.submit(new SubmitRequest(Path.of("jobs/hello-numpy"), null, null));
        assertEquals(
                List.of(
                        "job",
                        "submit",
                        "-j",
                        workspace.resolve("jobs/hello-numpy").toString(),
                        "--startup-kit",
                        workspace.resolve("kit").toString(),
                        "--format",
                        "json"),
                fake.lastCall());
        inWorkspace.download(JOB, new DownloadRequest(Path.of("dl"), false, null));
        assertEquals(workspace.resolve("dl").toString(), fake.lastCall().get(4));
    }

    @Test
    void submitTokenOfDeletedJob() throws IOException {
        // Replays 87-submit-token-t1-after-delete.
        fake.replay("87-submit-token-t1-after-delete");
        FlareException e = assertThrows(
                FlareException.class, () -> client.submit(new SubmitRequest(job(tmp.resolve("j")), null, "t1")));
        assertEquals(ErrorCodes.SUBMIT_TOKEN_JOB_DELETED, e.errorCode());
        assertEquals(4, e.exitCode());
        assertEquals("job_deleted", e.data().get("state"));
        assertEquals("Use a new submit token to submit the job again.", e.hint());
    }

    @Test
    void submitWhileServerDown() throws IOException {
        // Replays 102-down-submit-json.
        fake.replay("102-down-submit-json");
        FlareException e = assertThrows(
                FlareException.class, () -> client.submit(new SubmitRequest(job(tmp.resolve("j")), null, null)));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(2, e.exitCode());
        assertEquals("Could not connect to the FLARE server.", e.getMessage());
    }

    // ---- meta

    @ParameterizedTest
    @ValueSource(strings = {"26-job-meta", "81-format-before-subcommand"})
    void metaMapsEveryField(String capture) throws Exception {
        fake.respond("meta", Response.capture(capture));
        JobMeta meta = client.meta(JOB, null);
        assertEquals(JOB, meta.jobId());
        assertEquals("hello-numpy", meta.name());
        assertEquals("default", meta.study());
        assertEquals("FINISHED:COMPLETED", meta.status());
        assertEquals("2026-11-24T23:18:49.985481+00:00", meta.submitTime());
        assertEquals("2026-11-24T23:18:50.713490+00:00", meta.startTime());
        assertEquals("0:00:15.951915", meta.duration());
        assertEquals("admin@nvidia.com", meta.submitterName());
        assertEquals(List.of("server: OK", "site-2: OK", "site-1: OK"), meta.deployDetail());
        assertEquals(2, meta.raw().get("min_clients"));
        assertEquals(Map.of("app", List.of("@ALL")), meta.raw().get("deploy_map"));
        assertEquals(argv("job", "meta", JOB), fake.lastCall());
    }

    @Test
    void metaOfAbortedJob() throws Exception {
        // Replays 44-meta-aborted.
        fake.replay("44-meta-aborted");
        JobMeta meta = client.meta(LONG_JOB, "default");
        assertEquals("FINISHED:ABORTED", meta.status());
        assertEquals(JobOutcome.ABORTED, JobOutcome.fromStatus(meta.status()).orElseThrow());
        assertEquals(argv("job", "meta", LONG_JOB, "--study", "default"), fake.lastCall());
    }

    @ParameterizedTest
    @ValueSource(strings = {"101-down-meta-json", "105-down-meta-connect-timeout-1"})
    void metaWhileServerDown(String capture) {
        fake.replay(capture);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(2, e.exitCode());
        assertTrue(e.describe().contains("Hint: Check server status"), e.describe());
    }

    @Test
    void metaConnectTimeoutGoesBeforeTheCommand() throws Exception {
        // Replays 105-down-meta-connect-timeout-1 with the argv layout of its .cmd.
        fake.replay("105-down-meta-connect-timeout-1");
        CliFlareClient quick = new CliFlareClient(
                CliConfig.defaults()
                        .withExecutable(fake.executable().toString())
                        .withConnectTimeoutSeconds(1.5),
                kit);
        assertThrows(FlareException.class, () -> quick.meta(JOB, null));
        List<String> expected = new ArrayList<>(List.of("--connect-timeout", "1.5"));
        expected.addAll(argv("job", "meta", JOB));
        assertEquals(expected, fake.lastCall());
    }

    @Test
    void startupKitMissing() {
        // Replays 64-kit-missing-no-config.
        fake.replay("64-kit-missing-no-config");
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        assertEquals(2, e.exitCode());
    }

    @Test
    void argparseErrorIsInvalidArgsWithUsage() {
        // Replays 68-argparse-error-json.
        fake.replay("68-argparse-error-json");
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(4, e.exitCode());
        assertTrue(e.data().get("usage").toString().startsWith("usage: nvflare job meta"));
    }

    /** What argparse would read as an option never reaches the CLI (it could select another kit). */
    @ParameterizedTest
    @ValueSource(strings = {"-x", "--help", "--startup-kit=/elsewhere"})
    void jobIdsStartingWithADashNeverReachTheCli(String jobId) {
        FlareException e = assertThrows(FlareException.class, () -> client.meta(jobId, null));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(4, e.exitCode());
        assertTrue(fake.calls().isEmpty());
    }

    /** Any other job id is the CLI's (and its server's) to judge, passed as one argument. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", " e44ccf11"})
    void otherJobIdsAreLeftToTheCli(String jobId) throws Exception {
        fake.replay("51-unknown-id-meta-json");
        assertThrows(FlareException.class, () -> client.meta(jobId, null));
        assertEquals(List.of("job", "meta", jobId), fake.lastCall().subList(0, 3));
    }

    // ---- wait

    @ParameterizedTest
    @ValueSource(strings = {"25-job-wait", "113-tcp-wait", "123-grpc-wait", "71-wait-logstream"})
    void waitForCompletedJob(String capture) throws Exception {
        fake.replay(capture);
        JobResult result = client.waitForJob(JOB, new WaitOptions(null, 600, 5, List.of()));
        assertEquals(JobOutcome.COMPLETED, result.outcome());
        assertTrue(result.isSuccess());
        assertEquals("FINISHED:COMPLETED", result.jobStatus());
        assertTrue(
                result.durationSeconds() > 15 && result.durationSeconds() < 17,
                String.valueOf(result.durationSeconds()));
        assertEquals("default", result.study());
        assertNull(result.errorCode());
        assertTrue(result.metrics().isEmpty());
        assertEquals(argv("job", "wait", JOB, "--timeout", "600", "--interval", "5"), fake.lastCall());
    }

    @Test
    void waitForCompletedJobMapsAllFields() throws Exception {
        // Replays 25-job-wait.
        fake.replay("25-job-wait");
        JobResult result = client.waitForJob(JOB, WaitOptions.defaults("default"));
        assertEquals(JOB, result.jobId());
        assertEquals(16.0, result.durationSeconds());
        assertEquals("hello-numpy", result.jobName());
        assertEquals(
                argv("job", "wait", JOB, "--timeout", "0", "--interval", "2", "--study", "default"), fake.lastCall());
    }

    @Test
    void waitForFailedJobIsAnOutcome() throws Exception {
        // Built like 45-wait-aborted from job_cli.py's cmd_job_wait for a FINISHED:EXECUTION_EXCEPTION job (no
        // capture).
        String stdout = new String(FakeNvflare.resource("45-wait-aborted.stdout"))
                .replace("JOB_ABORTED", "JOB_FINISHED_EXCEPTION")
                .replace("FINISHED:ABORTED", "FINISHED:EXECUTION_EXCEPTION")
                .replace("was aborted.", "reached terminal state FINISHED_EXCEPTION.");
        fake.respond("wait", Response.of(stdout, "", 1));
        JobResult result = client.waitForJob(LONG_JOB, WaitOptions.defaults(null));
        assertEquals(JobOutcome.FAILED, result.outcome());
        assertEquals(ErrorCodes.JOB_FINISHED_EXCEPTION, result.errorCode());
        assertFalse(result.isSuccess());
    }

    @Test
    void waitTimeoutIsAnOutcome() throws Exception {
        // No capture: the envelope job_cli.py prints for JobTimeout (output_error("TIMEOUT", exit_code=3, detail=...)).
        fake.respond(
                "wait",
                Response.of(
                        "{\"schema_version\": \"1\", \"status\": \"error\", \"exit_code\": 3, "
                                + "\"error_code\": \"TIMEOUT\", \"message\": \"Operation timed out. \\u2014 job " + JOB
                                + " did not finish within 5.0s\", \"hint\": \"Increase --timeout or check server load.\"}\n",
                        "",
                        3));
        JobResult result = client.waitForJob(JOB, new WaitOptions(null, 5, 1, List.of()));
        assertEquals(JobOutcome.TIMEOUT, result.outcome());
        assertEquals(JOB, result.jobId());
        assertNull(result.jobStatus());
        assertEquals(ErrorCodes.TIMEOUT, result.errorCode());
        assertTrue(result.message().contains("did not finish within 5.0s"), result.message());
    }

    @Test
    void waitForUnknownJobThrows() {
        // Replays 51-unknown-id-meta-json for wait (same envelope the wait command prints for JobNotFound).
        fake.respond("wait", Response.capture("51-unknown-id-meta-json"));
        FlareException e = assertThrows(FlareException.class, () -> client.waitForJob(JOB, WaitOptions.defaults(null)));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, e.errorCode());
    }

    @Test
    void waitWhileServerDownThrows() {
        // Replays 101-down-meta-json for wait (CONNECTION_FAILED envelope).
        fake.respond("wait", Response.capture("101-down-meta-json"));
        FlareException e = assertThrows(FlareException.class, () -> client.waitForJob(JOB, WaitOptions.defaults(null)));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
    }

    // ---- list

    @Test
    void listMapsRows() throws Exception {
        // Replays 24-job-list-running.
        fake.replay("24-job-list-running");
        List<JobSummary> jobs = client.list(ListFilter.all(null));
        assertEquals(7, jobs.size());
        assertEquals(
                new JobSummary(
                        "7a842fdd-d231-4bd7-ae01-6179e5b5033a",
                        "hello-np",
                        "FINISHED:FAILED_TO_RUN",
                        "2026-11-24T23:13:24.165756+00:00",
                        "N/A",
                        "default"),
                jobs.get(2));
        assertEquals("RUNNING", jobs.get(6).status());
        assertEquals(argv("job", "list"), fake.lastCall());
    }

    @Test
    void listFinal() throws Exception {
        // Replays 88-job-list-final-json.
        fake.replay("88-job-list-final-json");
        List<JobSummary> jobs = client.list(ListFilter.all("default"));
        assertTrue(jobs.size() > 10);
        assertTrue(jobs.stream().allMatch(j -> j.jobId() != null && j.status().startsWith("FINISHED:")));
    }

    @Test
    void listBySubmitToken() throws Exception {
        // Replays 33-job-list-by-token.
        fake.replay("33-job-list-by-token");
        List<JobSummary> jobs = client.list(new ListFilter(null, null, null, "t1", null));
        assertEquals(1, jobs.size());
        assertEquals("8c289762-3e13-4b47-bad3-e439ba1e94cf", jobs.get(0).jobId());
        assertEquals(argv("job", "list", "--submit-token", "t1"), fake.lastCall());
    }

    @Test
    void listByNameWithAllFilters() throws Exception {
        // Replays 89-job-list-filter-name.
        fake.replay("89-job-list-filter-name");
        List<JobSummary> jobs = client.list(new ListFilter("hello-log", "5184", 3, null, "default"));
        assertEquals(
                List.of("hello-log-streaming"),
                jobs.stream().map(JobSummary::jobName).toList());
        assertEquals(
                argv("job", "list", "-n", "hello-log", "-i", "5184", "-m", "3", "--study", "default"), fake.lastCall());
    }

    @Test
    void listWhileServerDown() {
        // Replays 106-down-list-json.
        fake.replay("106-down-list-json");
        assertEquals(
                ErrorCodes.CONNECTION_FAILED,
                assertThrows(FlareException.class, () -> client.list(ListFilter.all(null)))
                        .errorCode());
    }

    // ---- abort

    @Test
    void abortAlwaysForces() throws Exception {
        // Replays 43-abort-force.
        fake.replay("43-abort-force");
        AbortResult result = client.abort(LONG_JOB, null);
        assertEquals(new AbortResult(LONG_JOB, "ABORTED"), result);
        assertEquals(argv("job", "abort", LONG_JOB, "--force"), fake.lastCall());
    }

    @Test
    void abortOfFinishedJobAnswersAborted() throws Exception {
        // Replays 52-abort-finished-job-admin: FLARE answers ABORTED although the job stays FINISHED:COMPLETED.
        fake.replay("52-abort-finished-job-admin");
        assertEquals("ABORTED", client.abort(JOB, "default").status());
        assertEquals(argv("job", "abort", JOB, "--force", "--study", "default"), fake.lastCall());
    }

    @Test
    void abortRefusalWithoutForceIsInvalidArgs() {
        // Replays 42-abort-no-force: what the CLI says if --force is missing (we always pass it).
        fake.replay("42-abort-no-force");
        FlareException e = assertThrows(FlareException.class, () -> client.abort(LONG_JOB, null));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertTrue(e.getMessage().contains("use --force in non-interactive mode"));
    }

    // ---- clone, delete, log-config (live captures 160-187)

    private static final String FINISHED_JOB = "97d8752d-ab2a-46a5-9eee-44200893a217";
    private static final String RUNNING_JOB = "8e4d7b43-f320-42cb-9786-f725329da588";
    private static final String SUBMITTED_JOB = "4a92cdcb-ad92-4b3a-8952-249e435e1f0d";

    @Test
    void cloneSendsTheJobIdAndStudy() throws Exception {
        // Replays 160-clone.
        fake.replay("160-clone");
        CloneResult r = client.cloneJob(FINISHED_JOB, "default");
        assertEquals(new CloneResult(FINISHED_JOB, "4a92cdcb-ad92-4b3a-8952-249e435e1f0d"), r);
        assertEquals(argv("job", "clone", FINISHED_JOB, "--study", "default"), fake.lastCall());
    }

    @Test
    void deleteAlwaysForces() throws Exception {
        // Replays 164-delete-submitted: a SUBMITTED job is deleted (only DISPATCHED and RUNNING ones are refused).
        fake.replay("164-delete-submitted");
        assertEquals(new DeleteResult(SUBMITTED_JOB, 0), client.delete(SUBMITTED_JOB, null));
        assertEquals(argv("job", "delete", SUBMITTED_JOB, "--force"), fake.lastCall());
    }

    @Test
    void deleteRefusalWithoutForceIsInvalidArgs() {
        // Replays 167-delete-no-force: what the CLI says if --force is missing (we always pass it).
        fake.replay("167-delete-no-force");
        FlareException e = assertThrows(FlareException.class, () -> client.delete(SUBMITTED_JOB, null));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("use --force in non-interactive mode"));
    }

    @Test
    void abortThenDeleteIsRefusedUntilTheJobHasFinished() throws Exception {
        // Replays 169-abort-long, 170-delete-just-aborted, then 171-delete-aborted (after job wait saw
        // FINISHED:ABORTED):
        // there is no forced delete of a running job, only abort, wait and delete.
        fake.replay("169-abort-long").replay("170-delete-just-aborted").replay("171-delete-aborted");
        assertEquals(new AbortResult(RUNNING_JOB, "ABORTED"), client.abort(RUNNING_JOB, null));
        FlareException e = assertThrows(FlareException.class, () -> client.delete(RUNNING_JOB, null));
        assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
        assertEquals(4, e.exitCode());
        assertEquals(
                "Use 'nvflare job abort " + RUNNING_JOB + " --study default' to stop the job first, or wait/monitor"
                        + " until it finishes before deleting.",
                e.hint());
        assertEquals(new DeleteResult(RUNNING_JOB, 0), client.delete(RUNNING_JOB, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"175-log-config-mode-all", "177-log-config-lowercase-level", "178-log-config-numeric-level"})
    void logConfigPassesAnyLevelToFlare(String capture) throws Exception {
        // Replays the capture: FLARE takes modes, level names in any case and numbers.
        fake.replay(capture);
        String level = (String) io.jenkins.plugins.nvflare.client.testing.Captures.dataMap(capture)
                .get("config");
        String site = capture.endsWith("-all") ? null : "server";
        LogConfigResult r = client.logConfig(RUNNING_JOB, new LogConfigRequest(level, site, null));
        assertEquals(level, r.config());
        assertEquals("applied", r.status());
        List<String> expected = new ArrayList<>(List.of("job", "log-config", RUNNING_JOB, level));
        if (site != null) {
            expected.addAll(List.of("--site", site));
        }
        assertEquals(argv(expected.toArray(String[]::new)), fake.lastCall());
    }

    @Test
    void logConfigOfTheAliasAnswersTheSame() throws Exception {
        // Replays 176-log-alias-reload (taken with "nvflare job log") for "job log-config", which the transport runs.
        fake.respond("log-config", Response.capture("176-log-alias-reload"));
        assertEquals(
                new LogConfigResult(RUNNING_JOB, "reload", List.of("all"), "applied"),
                client.logConfig(RUNNING_JOB, new LogConfigRequest("reload", null, "default")));
        assertEquals(argv("job", "log-config", RUNNING_JOB, "reload", "--study", "default"), fake.lastCall());
    }

    @Test
    void logConfigOfAnUnknownLevelForAllSitesIsTheServersRefusal() {
        // Replays 181-log-config-invalid-level-all: the server's refusal comes first, the sites are not asked.
        fake.replay("181-log-config-invalid-level-all");
        FlareException e = assertThrows(
                FlareException.class, () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("LOUD", "all", null)));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(5, e.exitCode());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "error: ValueError: configure_site_log only supports log levels and built-in log modes"),
                e.getMessage());
        assertEquals(argv("job", "log-config", RUNNING_JOB, "LOUD", "--site", "all"), fake.lastCall());
    }

    @Test
    void logConfigWithANegativeNumberKeepsItAPositionalLevel() throws Exception {
        // argparse reads "-1" as a positional value (its negative-number rule), so the transport passes it on.
        fake.replay("178-log-config-numeric-level");
        client.logConfig(RUNNING_JOB, new LogConfigRequest("-1", "server", null));
        assertEquals(argv("job", "log-config", RUNNING_JOB, "-1", "--site", "server"), fake.lastCall());
    }

    // ---- logs

    @Test
    void logsOfAllSites() throws Exception {
        // Replays 27-job-logs-all-json (default 500-line tail, only the server log stored).
        fake.replay("27-job-logs-all-json");
        JobLogs logs = client.logs(JOB, new LogRequest("all", null, null, null, null));
        assertEquals(JOB, logs.jobId());
        assertEquals("all", logs.target());
        assertEquals(List.of("server"), List.copyOf(logs.logs().keySet()));
        assertEquals(137, logs.logs().get("server").lines().count());
        assertFalse(logs.truncated());
        assertEquals(
                Map.of("available", true, "lines", 137, "bytes", 48095, "logs_truncated", false),
                logs.sites().get("server"));
        assertEquals(500, logs.filters().get("tail"));
        assertEquals(true, logs.filters().get("default_tail_applied"));
        assertTrue(logs.unavailable().isEmpty());
        assertEquals(argv("job", "logs", JOB, "--site", "all"), fake.lastCall());
    }

    @Test
    void logsWithTailAreTruncated() throws Exception {
        // Replays 53b-logs-server-tail5-json.
        fake.replay("53b-logs-server-tail5-json");
        JobLogs logs = client.logs(JOB, new LogRequest("server", 5, "2026-11-24 23:18:51", 100000L, "default"));
        assertTrue(logs.truncated());
        assertEquals(5, logs.logs().get("server").lines().count());
        assertEquals(5, logs.filters().get("tail"));
        assertEquals(
                argv(
                        "job",
                        "logs",
                        JOB,
                        "--site",
                        "server",
                        "--tail",
                        "5",
                        "--since",
                        "2026-11-24 23:18:51",
                        "--max-bytes",
                        "100000",
                        "--study",
                        "default"),
                fake.lastCall());
    }

    @Test
    void logsOfAllStreamedSites() throws Exception {
        // Replays 72-logs-logstream-all-json (server, site-1, site-2; tail 3).
        fake.replay("72-logs-logstream-all-json");
        JobLogs logs = client.logs("5184dbf1-5717-4843-8eea-e84e68a93ed8", new LogRequest("all", 3, null, null, null));
        assertEquals(
                List.of("server", "site-1", "site-2"), List.copyOf(logs.logs().keySet()));
        assertTrue(logs.truncated());
        assertEquals(3, logs.logs().get("site-2").lines().count());
    }

    @Test
    void logsWithUnavailableSites() throws Exception {
        // Built from 72-logs-logstream-all-json plus the "unavailable" map job_cli.py adds for sites without logs (no
        // capture).
        String stdout = new String(FakeNvflare.resource("72-logs-logstream-all-json.stdout")).strip();
        stdout = stdout.substring(0, stdout.length() - 2)
                + ", \"unavailable\": {\"site-3\": \"client log stream not available for this job\"}}}";
        fake.respond("logs", Response.of(stdout, "", 0));
        JobLogs logs = client.logs(JOB, new LogRequest("all", 3, null, null, null));
        assertEquals(Map.of("site-3", "client log stream not available for this job"), logs.unavailable());
    }

    // ---- download

    @Test
    void downloadReportsArtifactsAndMissingOnes() throws Exception {
        // Replays 28-job-download (numpy job: global_model reported missing).
        fake.replay("28-job-download");
        Path out = tmp.resolve("dl");
        DownloadResult result = client.download(JOB, new DownloadRequest(out, false, null));
        assertEquals(JOB, result.jobId());
        assertEquals("/var/tmp/x/dl/" + JOB, result.downloadPath());
        assertEquals(
                "/var/tmp/x/dl/" + JOB + "/workspace/metrics/metrics_summary.json",
                result.cliArtifacts().get("metrics_summary"));
        assertEquals(List.of("global_model", "client_logs"), result.missingArtifacts());
        assertEquals(argv("job", "download", JOB, "-o", out.toAbsolutePath().toString()), fake.lastCall());
    }

    @Test
    void downloadWithForceAndStudy() throws Exception {
        // Replays 73-download-logstream.
        fake.replay("73-download-logstream");
        Path out = tmp.resolve("dl2");
        DownloadResult result =
                client.download("5184dbf1-5717-4843-8eea-e84e68a93ed8", new DownloadRequest(out, true, "default"));
        assertEquals(2, result.cliArtifacts().size());
        assertEquals(
                argv(
                        "job",
                        "download",
                        "5184dbf1-5717-4843-8eea-e84e68a93ed8",
                        "-o",
                        out.toAbsolutePath().toString(),
                        "--force",
                        "--study",
                        "default"),
                fake.lastCall());
    }

    // ---- stats

    @Test
    void statsOfRunningJob() throws Exception {
        // Replays 23-job-stats-running.
        fake.replay("23-job-stats-running");
        JobStats stats = client.stats(JOB, null, null);
        assertEquals(JOB, stats.jobId());
        assertEquals(
                List.of("server", "site-2", "site-1"), List.copyOf(stats.stats().keySet()));
        assertEquals(argv("job", "stats", JOB), fake.lastCall());
    }

    @Test
    void statsOfAllSites() throws Exception {
        // Replays 41-stats-long-running-all.
        fake.replay("41-stats-long-running-all");
        JobStats stats = client.stats(LONG_JOB, "all", null);
        assertEquals(
                Map.of("ClientRunner", Map.of("job_id", LONG_JOB, "current_tasks", List.of("train"))),
                stats.stats().get("site-1"));
        assertEquals(argv("job", "stats", LONG_JOB, "--site", "all"), fake.lastCall());
    }

    @Test
    void statsOfUnknownJob() {
        // Replays 51-unknown-id-stats-json.
        fake.replay("51-unknown-id-stats-json");
        assertEquals(
                ErrorCodes.JOB_NOT_FOUND,
                assertThrows(
                                FlareException.class,
                                () -> client.stats("00000000-0000-0000-0000-000000000000", null, null))
                        .errorCode());
    }
}
