package io.jenkins.plugins.nvflare.client.f3.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * meta, list, abort, stats and logs over a scripted session whose replies are built as the server builds
 * them ({@link ServerReplies}, citing job_cmds.py / info_coll_cmd.py), from the job data the real captures
 * show; each native result is compared with what the CLI transport returns for that capture.
 */
class F3JobOperationsTest {
    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final String LONG_JOB = "3a753c6b-0b55-4a6e-97e9-a87b92e05356";
    private static final String LOG_JOB = "5184dbf1-5717-4843-8eea-e84e68a93ed8";
    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    @TempDir
    Path tmp;

    private final ScriptedHci hci = new ScriptedHci();
    private final FakeClock clock = new FakeClock(1_795_562_340.0);
    private final JobOperations ops = new JobOperations(hci, clock);

    // ---- meta

    @ParameterizedTest
    @CsvSource({"26-job-meta," + JOB, "44-meta-aborted," + LONG_JOB})
    void metaIsTheCliResultForTheSameJobMeta(String capture, String jobId) throws Exception {
        // The CLI prints get_job_meta's meta.job_meta as data, so the capture's data is the server's job meta.
        hci.on("get_job_meta " + jobId, ServerReplies.jobMeta(CliCaptures.dataMap(capture)));
        JobMeta expected = CliCaptures.client(tmp, capture).meta(jobId, null);
        assertEquals(expected, ops.meta(jobId, null));
        assertEquals(List.of("get_job_meta " + jobId), hci.sent());
    }

    @Test
    void unknownJobIsJobNotFoundWithTheCliMessageAndHint() throws Exception {
        hci.on("get_job_meta " + UNKNOWN, ServerReplies.noSuchJob(UNKNOWN));
        FlareException expected = assertThrows(
                FlareException.class,
                () -> CliCaptures.client(tmp, "51-unknown-id-meta-json").meta(UNKNOWN, null));
        assertSameError(expected, assertThrows(FlareException.class, () -> ops.meta(UNKNOWN, null)));
    }

    @Test
    void unknownJobInAnotherStudyNamesThatStudy() {
        hci.on("get_job_meta " + UNKNOWN, ServerReplies.noSuchJob(UNKNOWN));
        FlareException e = assertThrows(FlareException.class, () -> ops.meta(UNKNOWN, "cancer"));
        assertEquals("Job '" + UNKNOWN + "' does not exist. \u2014 searched study 'cancer'", e.getMessage());
        assertEquals(
                "This command searched study 'cancer'. Use 'nvflare job list --study cancer' to verify the job ID,"
                        + " or rerun this command with the correct --study value.",
                e.hint());
    }

    // ---- list

    @ParameterizedTest
    @ValueSource(strings = {"24-job-list-running", "88-job-list-final-json"})
    void listIsTheCliResultForTheSameRows(String capture) throws Exception {
        // _send_summary_list's row meta has the same keys the CLI prints (job_cmds.py:1538-1545).
        hci.on("list_jobs", ServerReplies.jobList(CliCaptures.dataList(capture)));
        List<JobSummary> expected = CliCaptures.client(tmp, capture).list(ListFilter.all(null));
        assertEquals(expected, ops.list(ListFilter.all(null)));
        assertTrue(expected.size() > 1);
    }

    @Test
    void listFiltersBecomeListJobsArguments() throws Exception {
        hci.on("list_jobs -n hello-log", ServerReplies.jobList(CliCaptures.dataList("89-job-list-filter-name")));
        hci.on("list_jobs --submit-token t1", ServerReplies.jobList(CliCaptures.dataList("33-job-list-by-token")));
        hci.on("list_jobs -m 2 -n \"my job\" 5184", ServerReplies.jobList(List.of()));
        assertEquals(
                CliCaptures.client(tmp.resolve("a"), "89-job-list-filter-name")
                        .list(new ListFilter("hello-log", null, null, null, null)),
                ops.list(new ListFilter("hello-log", null, null, null, null)));
        assertEquals(
                CliCaptures.client(tmp.resolve("b"), "33-job-list-by-token")
                        .list(new ListFilter(null, null, null, "t1", null)),
                ops.list(new ListFilter(null, null, null, "t1", null)));
        assertEquals(List.of(), ops.list(new ListFilter("my job", "5184", 2, null, null)));
    }

    @Test
    void listFillsInTheStudyLikeTheCli() throws Exception {
        Map<String, Object> row =
                new LinkedHashMap<>(CliCaptures.dataList("33-job-list-by-token").get(0));
        row.remove("study");
        hci.on("list_jobs", ServerReplies.jobList(List.of(row)));
        assertEquals("cancer", ops.list(ListFilter.all("cancer")).get(0).study());
    }

    @Test
    void noMatchingJobsIsAnEmptyList() throws Exception {
        // job_cmds.py:467-471: a string item with meta {status ok, jobs: []} and no success item.
        hci.on(
                "list_jobs",
                ServerReplies.buffer()
                        .string(
                                "No jobs matching the specified criteria.",
                                ServerReplies.makeMeta("ok", "", Map.of("jobs", List.of())))
                        .reply());
        assertEquals(List.of(), ops.list(ListFilter.all(null)));
    }

    @Test
    void deletedSubmitTokenJobIsTheCliError() {
        // job_cmds.py:1268-1287 _append_submit_token_job_deleted (record state job_def.py:109 "job_deleted").
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("code", "SUBMIT_TOKEN_JOB_DELETED");
        extra.put("submit_record_state", "job_deleted");
        extra.put("job_id", JOB);
        extra.put("deleted_time", 1795563000.25);
        hci.on(
                "list_jobs --submit-token t1",
                ServerReplies.buffer()
                        .error(
                                "SUBMIT_TOKEN_JOB_DELETED: submit token refers"
                                        + " to a deleted job. Use a new submit token to submit again.",
                                ServerReplies.makeMeta(
                                        "submit_token_job_deleted", "submit token refers to a deleted job", extra))
                        .reply());
        FlareException e =
                assertThrows(FlareException.class, () -> ops.list(new ListFilter(null, null, null, "t1", null)));
        assertEquals(ErrorCodes.SUBMIT_TOKEN_JOB_DELETED, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
        assertEquals(
                "This submit token refers to a deleted job. \u2014 submit token refers to a deleted job",
                e.getMessage());
        assertEquals("Use a new submit token to submit the job again.", e.hint());
        assertEquals(Map.of("job_id", JOB, "state", "job_deleted", "deleted_time", 1795563000.25), e.data());
    }

    // ---- abort

    @ParameterizedTest
    @CsvSource({
        "43-abort-force," + LONG_JOB + ",Abort signal has been sent to the server app.",
        "52-abort-finished-job-admin," + JOB + ",Job for " + JOB + " is already completed."
    })
    void abortIsTheCliResult(String capture, String jobId, String serverMessage) throws Exception {
        hci.on("abort_job " + jobId, ServerReplies.aborted(serverMessage));
        AbortResult expected = CliCaptures.client(tmp, capture).abort(jobId, null);
        assertEquals(expected, ops.abort(jobId, null));
        assertEquals(List.of("abort_job " + jobId), hci.sent());
    }

    @Test
    void abortOfAJobThatIsNotRunningIsJobNotRunning() {
        hci.on("abort_job " + JOB, ServerReplies.jobNotRunning(JOB));
        FlareException e = assertThrows(FlareException.class, () -> ops.abort(JOB, null));
        assertEquals(ErrorCodes.JOB_NOT_RUNNING, e.errorCode());
        assertEquals(ExitCodes.JOB_OR_SERVER_ERROR, e.exitCode());
        assertEquals(
                "Job '" + JOB + "' is not currently running. \u2014 abort is available only while the job is running",
                e.getMessage());
        assertEquals("Use 'nvflare job list' to check job status.", e.hint());
    }

    @Test
    void abortIsRetriedWhenTheServerDoesNotAnswer() throws Exception {
        hci.onAnswer("abort_job " + JOB, () -> {
            throw new SocketTimeoutException("Read timed out");
        });
        hci.on("abort_job " + JOB, ServerReplies.aborted("Abort signal has been sent to the server app."));
        assertEquals(new AbortResult(JOB, "ABORTED"), ops.abort(JOB, null));
        assertEquals(List.of(0.5), clock.sleeps());

        ScriptedHci silent = new ScriptedHci().onAnswer("abort_job " + JOB, () -> {
            throw new SocketTimeoutException("Read timed out");
        });
        FakeClock silentClock = new FakeClock(0);
        FlareException e =
                assertThrows(FlareException.class, () -> new JobOperations(silent, silentClock).abort(JOB, null));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(3, silent.sent().size());
        assertEquals(List.of(0.5, 1.0), silentClock.sleeps());
    }

    @Test
    void abortThatTheServerCouldNotSendIsInternalError() {
        // job_cmds.py:1070-1072: stop_run returned an error message -> error item, meta internal_error.
        hci.on(
                "abort_job " + JOB,
                ServerReplies.buffer()
                        .error("job not running", ServerReplies.makeMeta("internal_error", "job not running", null))
                        .reply());
        FlareException e = assertThrows(FlareException.class, () -> ops.abort(JOB, null));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals("An unexpected error occurred. \u2014 server internal error: job not running", e.getMessage());
    }

    // ---- stats

    @ParameterizedTest
    @CsvSource({"23-job-stats-running," + JOB + ",", "41-stats-long-running-all," + LONG_JOB + ",all"})
    void statsIsTheCliResult(String capture, String jobId, String site) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> stats =
                (Map<String, Object>) CliCaptures.dataMap(capture).get("stats");
        hci.on("show_stats " + jobId + " all", ServerReplies.stats(stats));
        JobStats expected = CliCaptures.client(tmp, capture).stats(jobId, site, null);
        assertEquals(expected, ops.stats(jobId, site, null));
        assertEquals(List.of("show_stats " + jobId + " all"), hci.sent());
    }

    @Test
    void statsOfOneSiteAsksThatClient() throws Exception {
        hci.on(
                "show_stats " + JOB + " client site-1",
                ServerReplies.stats(
                        Map.of("site-1", Map.of("ClientRunner", Map.of("current_tasks", List.of("train"))))));
        hci.on(
                "show_stats " + JOB + " server",
                ServerReplies.stats(Map.of("server", Map.of("ServerRunner", Map.of()))));
        assertEquals(
                List.of("site-1"),
                List.copyOf(ops.stats(JOB, "site-1", null).stats().keySet()));
        assertEquals(
                List.of("server"),
                List.copyOf(ops.stats(JOB, "server", null).stats().keySet()));
    }

    @Test
    void statsOfUnknownJobIsTheCliError() throws Exception {
        hci.on("show_stats " + UNKNOWN + " all", ServerReplies.noSuchJob(UNKNOWN));
        FlareException expected = assertThrows(
                FlareException.class,
                () -> CliCaptures.client(tmp, "51-unknown-id-stats-json").stats(UNKNOWN, null, null));
        assertSameError(expected, assertThrows(FlareException.class, () -> ops.stats(UNKNOWN, null, null)));
    }

    @Test
    void statsOfAFinishedJobIsJobNotRunning() {
        hci.on("show_stats " + JOB + " all", ServerReplies.jobNotRunning(JOB));
        FlareException e = assertThrows(FlareException.class, () -> ops.stats(JOB, null, null));
        assertEquals(ErrorCodes.JOB_NOT_RUNNING, e.errorCode());
        assertEquals(
                "Job '" + JOB + "' is not currently running. \u2014 stats are available only while the job is running",
                e.getMessage());
    }

    // ---- logs

    @Test
    void logsOfAllSitesAreTheCliResult() throws Exception {
        // 27: the server log was not truncated (137 lines < the default tail), so it is the whole log the server sent.
        String serverLog = serverLog("27-job-logs-all-json");
        hci.on(
                "get_job_log " + JOB + " all log.json",
                ServerReplies.jobLog(Map.of("logs", Map.of("server", serverLog))));
        LogRequest request = new LogRequest("all", null, null, null, null);
        JobLogs expected = CliCaptures.client(tmp, "27-job-logs-all-json").logs(JOB, request);
        JobLogs actual = ops.logs(JOB, request);
        // The capture's paths were rewritten to placeholders (captures README) after the CLI counted the bytes, so
        // its "bytes" (48095) is not the UTF-8 length of the text it shows; everything else must be equal.
        @SuppressWarnings("unchecked")
        Map<String, Object> server =
                new LinkedHashMap<>((Map<String, Object>) expected.sites().get("server"));
        assertEquals(48095, server.put("bytes", serverLog.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        JobLogs expectedForShownText = new JobLogs(
                expected.jobId(),
                expected.target(),
                expected.logs(),
                expected.truncated(),
                Map.of("server", server),
                expected.filters(),
                expected.unavailable());
        assertEquals(expectedForShownText, actual);
        assertEquals(List.of("get_job_log " + JOB + " all log.json"), hci.sent());
    }

    @Test
    void tailIsAppliedOnTheClientLikeTheCli() throws Exception {
        // 53b asked the same job's server log with --tail 5: the last 5 lines of the log 27 shows.
        hci.on(
                "get_job_log " + JOB + " server log.json",
                ServerReplies.jobLog(Map.of("logs", Map.of("server", serverLog("27-job-logs-all-json")))));
        LogRequest request = new LogRequest("server", 5, null, null, null);
        JobLogs expected = CliCaptures.client(tmp, "53b-logs-server-tail5-json").logs(JOB, request);
        JobLogs actual = ops.logs(JOB, request);
        assertEquals(expected, actual);
        assertTrue(actual.truncated());
    }

    @Test
    void tailOfEverySiteIsTheCliResult() throws Exception {
        // 72 shows the last 3 lines per site; the server sent longer logs (here: two more lines before them).
        @SuppressWarnings("unchecked")
        Map<String, String> shown = (Map<String, String>)
                CliCaptures.dataMap("72-logs-logstream-all-json").get("logs");
        Map<String, Object> full = new LinkedHashMap<>();
        shown.forEach((site, text) -> full.put(
                site,
                "{\"asctime\": \"2026-11-24 23:22:30,000\", \"message\": \"earlier 1\"}\n"
                        + "{\"asctime\": \"2026-11-24 23:22:31,000\", \"message\": \"earlier 2\"}\n" + text));
        hci.on("get_job_log " + LOG_JOB + " all log.json", ServerReplies.jobLog(Map.of("logs", full)));
        LogRequest request = new LogRequest("all", 3, null, null, null);
        assertEquals(
                CliCaptures.client(tmp, "72-logs-logstream-all-json").logs(LOG_JOB, request),
                ops.logs(LOG_JOB, request));
    }

    @Test
    void missingClientLogIsLogNotFoundAfterTryingBothFiles() throws Exception {
        // job_cmds.py get_job_log: the client's log is reported under "unavailable"; the CLI then asks for log.txt.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("logs", Map.of());
        payload.put("unavailable", Map.of("site-1", "client log stream not available for this job"));
        hci.on("get_job_log " + JOB + " site-1 log.json", ServerReplies.jobLog(payload));
        hci.on("get_job_log " + JOB + " site-1", ServerReplies.jobLog(payload));
        LogRequest request = new LogRequest("site-1", null, null, null, null);
        FlareException expected = assertThrows(
                FlareException.class,
                () -> CliCaptures.client(tmp, "53-logs-site1-json").logs(JOB, request));
        assertSameError(expected, assertThrows(FlareException.class, () -> ops.logs(JOB, request)));
        assertEquals(List.of("get_job_log " + JOB + " site-1 log.json", "get_job_log " + JOB + " site-1"), hci.sent());
    }

    @Test
    void textLogFromTheFallbackIsUsedAndBounded() throws Exception {
        Map<String, Object> none = new LinkedHashMap<>();
        none.put("logs", Map.of());
        none.put("unavailable", Map.of("server", "server log not available for this job"));
        hci.on("get_job_log " + JOB + " server log.json", ServerReplies.jobLog(none));
        String text = "2026-11-24 23:18:50,100 - A - INFO - one\ncontinued\n2026-11-24 23:18:52,000 - A - INFO - two\n"
                + "2026-11-24 23:18:53,000 - A - INFO - three \u00e9\n";
        hci.on("get_job_log " + JOB + " server", ServerReplies.jobLog(Map.of("logs", Map.of("server", text))));
        JobLogs logs = ops.logs(JOB, new LogRequest("server", null, "2026-11-24T23:18:51", 60L, null));
        // since drops "one" and its continuation line; 60 bytes from the end cut into "two"'s line.
        String kept = "2026-11-24 23:18:52,000 - A - INFO - two\n2026-11-24 23:18:53,000 - A - INFO - three \u00e9\n";
        byte[] bytes = kept.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String expected = new String(bytes, bytes.length - 60, 60, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Map.of("server", expected), logs.logs());
        assertTrue(logs.truncated());
        assertEquals(
                Map.of("available", true, "lines", 2, "bytes", 60, "logs_truncated", true),
                logs.sites().get("server"));
        assertEquals(true, logs.filters().get("since_applied"));
        assertEquals(false, logs.filters().get("default_tail_applied"));
        assertEquals(null, logs.filters().get("tail"));
        assertEquals(Map.of(), logs.unavailable());
    }

    @Test
    void invalidSinceIsInvalidArgs() {
        FlareException e = assertThrows(
                FlareException.class, () -> ops.logs(JOB, new LogRequest("server", null, "yesterday", null, null)));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
        assertEquals(List.of(), hci.sent());
    }

    // ---- meta.status and API status -> the CLI's error (flare_api.py:250-325, cli.py:577-644)

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "invalid_job_id|x|JOB_NOT_FOUND|1|Job 'J' does not exist. \u2014 searched study 'default'",
                "not_authorized|not authorized|AUTH_FAILED|2|Authorization failed. \u2014 user not authorized for the action 'get_job_meta J: not authorized'",
                "not_authenticated|bad token|AUTH_FAILED|2|Authentication failed. \u2014 user not authenticated: bad token",
                "syntax_error|missing job_id|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 syntax error: missing job_id",
                "internal_error|boom|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 server internal error: boom",
                "job_running|J|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 job J is still running",
                "job_not_running|J|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 job J is not running",
                "clients_running|x|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 one or more clients are still running",
                "no_clients|x|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 no clients available",
                "invalid_target|no clients available|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 no clients available",
                "invalid_target|unknown site site-9|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 unknown site site-9",
                "no_reply|site-1 did not reply|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 site-1 did not reply",
                "invalid_job_def|bad meta|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 invalid job definition: bad meta",
                "submit_token_conflict||INTERNAL_ERROR|5|An unexpected error occurred. \u2014 submit token was already used for different job content",
                "submit_token_job_deleted||INTERNAL_ERROR|5|An unexpected error occurred. \u2014 submit token refers to a deleted job",
                "error|something failed|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 error: something failed",
            })
    void everyMetaStatusBecomesTheCliError(String status, String info, String code, int exit, String message) {
        hci.on(
                "get_job_meta J",
                ServerReplies.buffer()
                        .error("server says no", ServerReplies.makeMeta(status, info == null ? "" : info, null))
                        .reply());
        FlareException e = assertThrows(FlareException.class, () -> ops.meta("J", null));
        assertEquals(code, e.errorCode());
        assertEquals(exit, e.exitCode());
        assertEquals(message, e.getMessage());
        assertFalse(e.hint().isEmpty());
    }

    @Test
    void notAuthorizedTextWithoutMetaIsAuthorizationFailed() {
        // api.py:1011-1012: no meta status, but the reply text says "not authorized".
        hci.on(
                "show_stats " + JOB + " all",
                ServerReplies.buffer()
                        .string("This action is not authorized", null)
                        .reply());
        FlareException e = assertThrows(FlareException.class, () -> ops.stats(JOB, null, null));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertEquals(
                "Authorization failed. \u2014 user not authorized for the action 'show_stats " + JOB + " all'",
                e.getMessage());
        assertEquals("Check that the startup kit user is authorized for this command and study.", e.hint());
    }

    @Test
    void logsTurnAuthorizationErrorsIntoInternalErrorLikeTheCli() {
        // cmd_job_logs catches every other exception as INTERNAL_ERROR (job_cli.py:2325-2327).
        hci.on(
                "get_job_log " + JOB + " server log.json",
                ServerReplies.buffer()
                        .error("Authorization Error: no", ServerReplies.makeMeta("not_authorized", "no", null))
                        .reply());
        FlareException e =
                assertThrows(FlareException.class, () -> ops.logs(JOB, new LogRequest(null, null, null, null, null)));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
    }

    @Test
    void emptyReplyIsARuntimeError() {
        hci.on("show_stats " + JOB + " all", ServerReplies.buffer().reply());
        FlareException e = assertThrows(FlareException.class, () -> ops.stats(JOB, null, null));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals("An unexpected error occurred. \u2014 runtime error encountered: ERROR_RUNTIME: ", e.getMessage());
    }

    @Test
    void metaWithoutJobMetaIsInternalError() {
        hci.on("get_job_meta " + JOB, ServerReplies.buffer().success("", null).reply());
        FlareException e = assertThrows(FlareException.class, () -> ops.meta(JOB, null));
        assertEquals("An unexpected error occurred. \u2014 server failed to return job meta", e.getMessage());
    }

    @Test
    void noAnswerIsConnectionFailed() {
        hci.onAnswer("get_job_meta " + JOB, () -> {
            throw new SocketTimeoutException("Read timed out");
        });
        FlareException e = assertThrows(FlareException.class, () -> ops.meta(JOB, null));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertEquals(
                "Could not connect to the FLARE server. \u2014 cannot connect to server: ERROR_SERVER_CONNECTION",
                e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }

    private static String serverLog(String capture) {
        @SuppressWarnings("unchecked")
        Map<String, String> logs =
                (Map<String, String>) CliCaptures.dataMap(capture).get("logs");
        return logs.get("server");
    }

    static void assertSameError(FlareException expected, FlareException actual) {
        List<Object> e = new ArrayList<>(
                List.of(expected.errorCode(), expected.getMessage(), expected.hint(), expected.exitCode()));
        List<Object> a =
                new ArrayList<>(List.of(actual.errorCode(), actual.getMessage(), actual.hint(), actual.exitCode()));
        assertEquals(e, a);
    }
}
