package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import io.jenkins.plugins.nvflare.client.testing.Captures;
import io.jenkins.plugins.nvflare.client.testing.CliAnswers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared contract of both transports (issue 4): every test sets up a {@link Scenario} named after the
 * real captures it stands for, calls only the public {@link FlareClient} interface and asserts the typed
 * result or error that capture implies. A subclass makes {@link #given(Scenario)} answer the way the
 * capture shows: the CLI transport by replaying it through the fake nvflare, the native transport by a
 * fake FLARE server answering with the server-side replies built from the same capture data.
 */
public abstract class FlareClientContract {
    /** The job of captures 21-28 (hello-numpy, completed). */
    protected static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    /** The long job of captures 40-46 (aborted). */
    protected static final String LONG_JOB = "3a753c6b-0b55-4a6e-97e9-a87b92e05356";

    protected static final String UNKNOWN_JOB = "00000000-0000-0000-0000-000000000000";
    /** The finished hello-numpy job of live captures 160, 163 and 184. */
    protected static final String FINISHED_JOB = "97d8752d-ab2a-46a5-9eee-44200893a217";
    /** The running hello-numpy-long job of live captures 165 and 172-183. */
    protected static final String RUNNING_JOB = "8e4d7b43-f320-42cb-9786-f725329da588";
    /** The SUBMITTED job of live capture 185. */
    protected static final String QUEUED_JOB = "35616eaa-263d-4f57-9bd3-53aa1826ac1d";
    /** The job of capture 86, submitted with submit token t1. */
    protected static final String TOKEN_JOB = "8c289762-3e13-4b47-bad3-e439ba1e94cf";
    /** The output folder the download capture (28) was taken with; subclasses rebase its paths onto {@link #outputDir()}. */
    protected static final String CAPTURED_OUTPUT_DIR = "/var/tmp/x/dl";

    /** What the transport under test must be prepared to answer, by the captures it stands for. */
    protected enum Scenario {
        SUBMIT("21-job-submit"),
        SUBMIT_SAME_TOKEN_TWICE("30-submit-token-t1-first", "31-submit-token-t1-second"),
        SUBMIT_TOKEN_CONFLICT("32-submit-token-t1-different-content"),
        META("26-job-meta"),
        META_UNKNOWN_JOB("51-unknown-id-meta-json"),
        WAIT_COMPLETED("25-job-wait"),
        WAIT_ABORTED("45-wait-aborted"),
        MONITOR_COMPLETED("22-job-monitor-jsonl"),
        MONITOR_ABORTED("46-monitor-aborted-jsonl"),
        LIST_ALL("24-job-list-running"),
        LIST_BY_TOKEN("33-job-list-by-token"),
        ABORT_RUNNING("43-abort-force"),
        ABORT_FINISHED("52-abort-finished-job-admin"),
        LOGS_ALL_SITES("27-job-logs-all-json"),
        LOGS_ONE_SITE("53-logs-site1-json"),
        STATS("23-job-stats-running"),
        DOWNLOAD("28-job-download"),
        SERVER_DOWN_META("101-down-meta-json"),
        SERVER_DOWN_SUBMIT("102-down-submit-json"),
        SERVER_DOWN_MONITOR("104-down-monitor-jsonl"),
        CLONE("160-clone"),
        CLONE_UNKNOWN_JOB("161-clone-unknown-id"),
        SERVER_DOWN_CLONE("162-down-clone"),
        DELETE_FINISHED("163-delete-finished"),
        DELETE_WITH_A_SUBMIT_TOKEN("86-delete-t1-job"),
        DELETE_RUNNING("165-delete-running"),
        DELETE_UNKNOWN_JOB("166-delete-unknown-id"),
        SERVER_DOWN_DELETE("168-down-delete"),
        LOG_CONFIG_SERVER("172-log-config-server"),
        LOG_CONFIG_SITE("173-log-config-site"),
        LOG_CONFIG_ALL("174-log-config-all"),
        LOG_CONFIG_UNKNOWN_LEVEL_ON_SERVER("179-log-config-invalid-level-server"),
        LOG_CONFIG_UNKNOWN_LEVEL_ON_A_SITE("180-log-config-invalid-level-site"),
        /** log-config without a level: refused before anything is sent (the capture is scripted, not reached). */
        LOG_CONFIG_MISSING_LEVEL("182-log-config-missing-level"),
        /** log-config with level "-LOUD": argparse's INVALID_ARGS, refused before anything is sent (live-captures README). */
        LOG_CONFIG_LEVEL_LIKE_AN_OPTION,
        LOG_CONFIG_UNKNOWN_SITE("183-log-config-unknown-site"),
        LOG_CONFIG_FINISHED_JOB("184-log-config-finished"),
        LOG_CONFIG_QUEUED_JOB("185-log-config-queued"),
        LOG_CONFIG_UNKNOWN_JOB("186-log-config-unknown-id"),
        SERVER_DOWN_LOG_CONFIG("187-down-log-config"),

        // One contract (issue 9): inputs the CLI refuses, with the CLI's answer from a capture or, where none was
        // captured, built from NVFlare's sources (testing.CliAnswers). Scenarios without a capture name below are
        // answered by CliAnswers in the CLI runner.
        /** submit of a folder that does not exist: CliAnswers.invalidJobFolder. */
        SUBMIT_NO_SUCH_FOLDER,
        /** submit of a folder without meta.json: CliAnswers.jobInvalid(noMeta). */
        SUBMIT_FOLDER_WITHOUT_META,
        /** submit of a folder whose app has no config_fed_server.json: CliAnswers.jobInvalid(noServerConfig). */
        SUBMIT_FOLDER_WITHOUT_SERVER_CONFIG,
        /** submit of a folder whose meta.json is not JSON: CliAnswers.metaJsonNotParsable. */
        SUBMIT_META_NOT_JSON,
        /** submit of a folder holding a symbolic link: the real CLI submits the link's target (as in capture 21). */
        SUBMIT_FOLDER_WITH_LINK("21-job-submit"),
        /** submit with "bad token!", then with a 129-character token: CliAnswers.submitTokenInvalid, twice. */
        SUBMIT_BAD_TOKENS,
        /**
         * submit with a token of a job holding a file over 10 MiB: the real CLI uploads it and the server refuses the
         * token's hash (live capture 188); both transports refuse it before the upload, with the same codes.
         */
        SUBMIT_TOKEN_WITH_A_LARGE_FILE("188-submit-token-large-file"),
        /** meta with a kit without startup/fed_admin.json: CliAnswers.notAStartupKit. */
        KIT_WITHOUT_FED_ADMIN,
        /** meta with a site's kit: CliAnswers.notAnAdminKit. */
        KIT_OF_A_SITE,
        /**
         * meta with a client.key from another kit: the connection never comes up, the same answer as a server that
         * is down (captures README: "a cert/key mismatch surfaces as CONNECTION_FAILED").
         */
        KIT_KEY_NOT_THE_CERTIFICATES("101-down-meta-json"),
        /** meta with a site's certificate in an admin kit: CliAnswers.notAuthorized. */
        KIT_WITH_A_SITE_CERTIFICATE,
        /** meta of job id "a b": CliAnswers.jobNotFound. */
        META_JOB_ID_WITH_A_SPACE,
        /** meta of job id "--bogus-flag": argparse reads it as an option and misses job_id (capture 68). */
        META_JOB_ID_LIKE_AN_OPTION("68-argparse-error-json"),
        /** logs --since yesterday: CliAnswers.sinceNotATimestamp. */
        LOGS_SINCE_NOT_A_TIMESTAMP,
        /** meta while the server goes away without answering: CliAnswers.serverWentAway. */
        SERVER_GOES_AWAY_DURING_META;

        private final List<String> captures;

        Scenario(String... captures) {
            this.captures = List.of(captures);
        }

        /** The captures, in the order the scenario's calls meet them. */
        public List<String> captures() {
            return captures;
        }
    }

    @TempDir
    protected Path tmp;

    /** A client of the transport under test, answering like the scenario's captures. */
    protected abstract FlareClient given(Scenario scenario) throws Exception;

    /** Where downloads go in this test. */
    protected Path outputDir() {
        return tmp.resolve("dl");
    }

    // ---- submit

    @Test
    void submitReturnsTheNewJobId() throws Exception {
        FlareClient client = given(Scenario.SUBMIT);
        String jobId = client.submit(new SubmitRequest(jobFolder("hello-numpy", "v1"), null, null));
        assertEquals(Captures.dataMap("21-job-submit").get("job_id"), jobId);
    }

    @Test
    void submittingTheSameContentWithTheSameTokenGivesTheSameJob() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_SAME_TOKEN_TWICE);
        Path job = jobFolder("hello-numpy", "v1");
        String first = client.submit(new SubmitRequest(job, null, "t1"));
        String second = client.submit(new SubmitRequest(job, null, "t1"));
        assertEquals(Captures.dataMap("30-submit-token-t1-first").get("job_id"), first);
        assertEquals(Captures.dataMap("31-submit-token-t1-second").get("job_id"), second);
        assertEquals(first, second);
    }

    @Test
    void differentContentWithAUsedTokenIsATokenConflictNamingTheExistingJob() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_TOKEN_CONFLICT);
        FlareException e = assertThrows(
                FlareException.class,
                () -> client.submit(new SubmitRequest(jobFolder("hello-numpy", "long"), null, "t1")));
        assertCaptureError("32-submit-token-t1-different-content", e);
        assertEquals(Captures.envelope("32-submit-token-t1-different-content").get("data"), e.data());
    }

    // ---- meta

    @Test
    void metaHasEveryField() throws Exception {
        FlareClient client = given(Scenario.META);
        Map<String, Object> data = Captures.dataMap("26-job-meta");
        JobMeta meta = client.meta(JOB, null);
        assertEquals(JOB, meta.jobId());
        assertEquals(data.get("name"), meta.name());
        assertEquals(data.get("study"), meta.study());
        assertEquals(data.get("status"), meta.status());
        assertEquals(data.get("submit_time_iso"), meta.submitTime());
        assertEquals(data.get("start_time"), meta.startTime());
        assertEquals(data.get("duration"), meta.duration());
        assertEquals(data.get("submitter_name"), meta.submitterName());
        assertEquals(data.get("job_deploy_detail"), meta.deployDetail());
        assertEquals(data, meta.raw());
    }

    @Test
    void metaOfAnUnknownJobIsJobNotFoundWithTheCliMessageAndHint() throws Exception {
        FlareClient client = given(Scenario.META_UNKNOWN_JOB);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(UNKNOWN_JOB, null));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, e.errorCode());
        assertCaptureError("51-unknown-id-meta-json", e);
    }

    // ---- wait and monitor

    @Test
    void waitForACompletedJob() throws Exception {
        FlareClient client = given(Scenario.WAIT_COMPLETED);
        Map<String, Object> data = Captures.dataMap("25-job-wait");
        JobResult r = client.waitForJob(JOB, WaitOptions.defaults(null));
        assertEquals(JobOutcome.COMPLETED, r.outcome());
        assertEquals(JOB, r.jobId());
        assertEquals(data.get("status"), r.jobStatus());
        assertEquals(data.get("duration_s"), r.durationSeconds());
        assertEquals(data.get("job_meta"), r.jobMeta());
        assertNull(r.errorCode());
    }

    @Test
    void waitForAnAbortedJobIsAnOutcomeNotAnError() throws Exception {
        FlareClient client = given(Scenario.WAIT_ABORTED);
        Map<String, Object> envelope = Captures.envelope("45-wait-aborted");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) envelope.get("data");
        JobResult r = client.waitForJob(LONG_JOB, WaitOptions.defaults(null));
        assertEquals(JobOutcome.ABORTED, r.outcome());
        assertEquals(data.get("status"), r.jobStatus());
        assertEquals(data.get("duration_s"), r.durationSeconds());
        assertEquals(data.get("job_meta"), r.jobMeta());
        assertEquals(envelope.get("error_code"), r.errorCode());
        assertEquals(envelope.get("message"), r.message());
        assertEquals(envelope.get("hint"), r.hint());
        assertEquals(((Map<?, ?>) data.get("job_meta")).get("job_name"), r.jobName());
    }

    @Test
    void monitorDeliversTheCapturedEventsInOrder() throws Exception {
        FlareClient client = given(Scenario.MONITOR_COMPLETED);
        List<MonitorEvent> events = new ArrayList<>();
        JobResult r = client.monitor(JOB, WaitOptions.defaults(null), events::add);
        assertEvents("22-job-monitor-jsonl", events);
        assertEquals(JobOutcome.COMPLETED, r.outcome());
        assertEquals("FINISHED:COMPLETED", r.jobStatus());
    }

    @Test
    void monitorOfAnAbortedJobEndsWithTheAbortedOutcome() throws Exception {
        FlareClient client = given(Scenario.MONITOR_ABORTED);
        List<MonitorEvent> events = new ArrayList<>();
        JobResult r = client.monitor(LONG_JOB, WaitOptions.defaults(null), events::add);
        assertEvents("46-monitor-aborted-jsonl", events);
        assertEquals(JobOutcome.ABORTED, r.outcome());
        assertEquals(ErrorCodes.JOB_ABORTED, r.errorCode());
    }

    // ---- list

    @Test
    void listReturnsEveryJobInOrder() throws Exception {
        FlareClient client = given(Scenario.LIST_ALL);
        assertRows("24-job-list-running", client.list(ListFilter.all(null)));
    }

    @Test
    void listBySubmitTokenReturnsThatTokensJob() throws Exception {
        FlareClient client = given(Scenario.LIST_BY_TOKEN);
        assertRows("33-job-list-by-token", client.list(new ListFilter(null, null, null, "t1", null)));
    }

    // ---- abort

    @Test
    void abortOfARunningJob() throws Exception {
        FlareClient client = given(Scenario.ABORT_RUNNING);
        assertEquals(new AbortResult(LONG_JOB, "ABORTED"), client.abort(LONG_JOB, null));
        assertEquals(Map.of("job_id", LONG_JOB, "status", "ABORTED"), Captures.dataMap("43-abort-force"));
    }

    @Test
    void abortOfAFinishedJobIsReportedLikeTheCliDoes() throws Exception {
        FlareClient client = given(Scenario.ABORT_FINISHED);
        AbortResult r = client.abort(JOB, null);
        Map<String, Object> data = Captures.dataMap("52-abort-finished-job-admin");
        assertEquals(new AbortResult((String) data.get("job_id"), (String) data.get("status")), r);
    }

    // ---- logs

    @Test
    void logsOfAllSites() throws Exception {
        FlareClient client = given(Scenario.LOGS_ALL_SITES);
        Map<String, Object> data = Captures.dataMap("27-job-logs-all-json");
        JobLogs logs = client.logs(JOB, new LogRequest("all", null, null, null, null));
        assertEquals(JOB, logs.jobId());
        assertEquals(data.get("target"), logs.target());
        assertEquals(data.get("logs"), logs.logs());
        assertEquals(data.get("logs_truncated"), logs.truncated());
        assertEquals(data.get("filters"), logs.filters());
        assertEquals(((Map<?, ?>) data.get("sites")).keySet(), logs.sites().keySet());
        // The capture's texts were redacted after the CLI counted "bytes" (captures README): compare the rest.
        Map<String, Object> captured = withoutBytes(((Map<?, ?>) data.get("sites")).get("server"));
        assertEquals(captured, withoutBytes(logs.sites().get("server")));
    }

    @Test
    void logsOfASiteWithoutLogsIsLogNotFound() throws Exception {
        FlareClient client = given(Scenario.LOGS_ONE_SITE);
        FlareException e = assertThrows(
                FlareException.class, () -> client.logs(JOB, new LogRequest("site-1", null, null, null, null)));
        assertEquals(ErrorCodes.LOG_NOT_FOUND, e.errorCode());
        assertCaptureError("53-logs-site1-json", e);
    }

    // ---- stats

    @Test
    void statsOfARunningJob() throws Exception {
        FlareClient client = given(Scenario.STATS);
        Map<String, Object> data = Captures.dataMap("23-job-stats-running");
        JobStats stats = client.stats(JOB, null, null);
        assertEquals(data.get("job_id"), stats.jobId());
        assertEquals(data.get("stats"), stats.stats());
    }

    // ---- download

    @Test
    void downloadReportsTheFolderTheArtifactsAndWhatIsMissing() throws Exception {
        FlareClient client = given(Scenario.DOWNLOAD);
        Map<String, Object> data = Captures.dataMap("28-job-download");
        DownloadResult r = client.download(JOB, new DownloadRequest(outputDir(), false, null));
        assertEquals(JOB, r.jobId());
        assertEquals(rebased(data.get("download_path")), r.downloadPath());
        assertEquals(rebased(data.get("artifacts")), r.cliArtifacts());
        assertEquals(data.get("missing_artifacts"), r.missingArtifacts());
        assertEquals(List.of("global_model", "client_logs"), r.missingArtifacts());
    }

    // ---- server down

    @Test
    void metaWithTheServerDownIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_META);
        assertConnectionFailed(assertThrows(FlareException.class, () -> client.meta(JOB, null)));
    }

    @Test
    void submitWithTheServerDownIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_SUBMIT);
        assertConnectionFailed(assertThrows(
                FlareException.class,
                () -> client.submit(new SubmitRequest(jobFolder("hello-numpy", "v1"), null, null))));
    }

    @Test
    void monitorWithTheServerDownIsConnectionFailedWithoutEvents() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_MONITOR);
        List<MonitorEvent> events = new ArrayList<>();
        assertConnectionFailed(
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), events::add)));
        assertEquals(List.of(), events);
    }

    // ---- clone

    @Test
    void cloneReturnsTheNewJobId() throws Exception {
        FlareClient client = given(Scenario.CLONE);
        Map<String, Object> data = Captures.dataMap("160-clone");
        assertEquals(
                new CloneResult(FINISHED_JOB, (String) data.get("new_job_id")), client.cloneJob(FINISHED_JOB, null));
        assertEquals(FINISHED_JOB, data.get("source_job_id"));
    }

    @Test
    void cloneOfAnUnknownJobIsJobNotFound() throws Exception {
        FlareClient client = given(Scenario.CLONE_UNKNOWN_JOB);
        assertCaptureError(
                "161-clone-unknown-id", assertThrows(FlareException.class, () -> client.cloneJob(UNKNOWN_JOB, null)));
    }

    @Test
    void cloneWithTheServerDownIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_CLONE);
        assertConnectionFailed(assertThrows(FlareException.class, () -> client.cloneJob(RUNNING_JOB, null)));
    }

    // ---- delete

    @Test
    void deleteOfAFinishedJob() throws Exception {
        FlareClient client = given(Scenario.DELETE_FINISHED);
        Map<String, Object> data = Captures.dataMap("163-delete-finished");
        assertEquals(
                new DeleteResult(FINISHED_JOB, (Integer) data.get("submit_records_marked_deleted")),
                client.delete(FINISHED_JOB, null));
    }

    @Test
    void deleteOfAJobSubmittedWithATokenCountsItsSubmitRecords() throws Exception {
        FlareClient client = given(Scenario.DELETE_WITH_A_SUBMIT_TOKEN);
        assertEquals(new DeleteResult(TOKEN_JOB, 1), client.delete(TOKEN_JOB, null));
    }

    /** FLARE refuses it whatever the caller wants: --force only skips the CLI's prompt. */
    @Test
    void deleteOfARunningJobIsJobNotDoneWithTheAbortHint() throws Exception {
        FlareClient client = given(Scenario.DELETE_RUNNING);
        FlareException e = assertThrows(FlareException.class, () -> client.delete(RUNNING_JOB, null));
        assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
        assertCaptureError("165-delete-running", e);
    }

    @Test
    void deleteOfAnUnknownJobIsJobNotFound() throws Exception {
        FlareClient client = given(Scenario.DELETE_UNKNOWN_JOB);
        assertCaptureError(
                "166-delete-unknown-id", assertThrows(FlareException.class, () -> client.delete(UNKNOWN_JOB, null)));
    }

    @Test
    void deleteWithTheServerDownIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_DELETE);
        assertConnectionFailed(assertThrows(FlareException.class, () -> client.delete(RUNNING_JOB, null)));
    }

    // ---- log-config

    @Test
    void logConfigOfTheServer() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_SERVER);
        assertLogConfig(
                "172-log-config-server", client.logConfig(RUNNING_JOB, new LogConfigRequest("DEBUG", "server", null)));
    }

    @Test
    void logConfigOfOneSite() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_SITE);
        assertLogConfig(
                "173-log-config-site", client.logConfig(RUNNING_JOB, new LogConfigRequest("INFO", "site-1", null)));
    }

    @Test
    void logConfigOfAllSitesByDefault() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_ALL);
        assertLogConfig("174-log-config-all", client.logConfig(RUNNING_JOB, new LogConfigRequest("INFO", null, null)));
    }

    /** Neither the CLI nor this library judges the level; the server job refuses it (INTERNAL_ERROR, exit 5). */
    @Test
    void logConfigWithALevelTheServerDoesNotKnow() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_UNKNOWN_LEVEL_ON_SERVER);
        FlareException e = assertThrows(
                FlareException.class,
                () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("LOUD", "server", null)));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertCaptureError("179-log-config-invalid-level-server", e);
    }

    @Test
    void logConfigWithALevelASiteDoesNotKnow() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_UNKNOWN_LEVEL_ON_A_SITE);
        FlareException e = assertThrows(
                FlareException.class,
                () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("LOUD", "site-1", null)));
        assertCaptureError("180-log-config-invalid-level-site", e);
    }

    @Test
    void logConfigWithoutALevelIsLogConfigInvalidBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_MISSING_LEVEL);
        for (String level : new String[] {null, ""}) {
            FlareException e = assertThrows(
                    FlareException.class, () -> client.logConfig(RUNNING_JOB, new LogConfigRequest(level, null, null)));
            assertCaptureError("182-log-config-missing-level", e);
        }
        assertNothingSent();
    }

    @Test
    void logConfigWithALevelLikeAnOptionIsInvalidArgsBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_LEVEL_LIKE_AN_OPTION);
        FlareException e = assertThrows(
                FlareException.class, () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("-LOUD", null, null)));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
        assertEquals("nvflare job: unrecognized arguments: -LOUD", e.getMessage());
        assertEquals("Run with --help to see usage.", e.hint());
        assertNothingSent();
    }

    @Test
    void logConfigOfAnUnknownSiteIsSiteNotFound() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_UNKNOWN_SITE);
        FlareException e = assertThrows(
                FlareException.class,
                () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("INFO", "site-9", null)));
        assertEquals(ErrorCodes.SITE_NOT_FOUND, e.errorCode());
        assertCaptureError("183-log-config-unknown-site", e);
    }

    @Test
    void logConfigOfAFinishedJobIsJobNotRunning() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_FINISHED_JOB);
        FlareException e = assertThrows(
                FlareException.class, () -> client.logConfig(FINISHED_JOB, new LogConfigRequest("DEBUG", null, null)));
        assertEquals(ErrorCodes.JOB_NOT_RUNNING, e.errorCode());
        assertCaptureError("184-log-config-finished", e);
    }

    @Test
    void logConfigOfAQueuedJobIsTheServersRefusal() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_QUEUED_JOB);
        FlareException e = assertThrows(
                FlareException.class, () -> client.logConfig(QUEUED_JOB, new LogConfigRequest("DEBUG", null, null)));
        assertCaptureError("185-log-config-queued", e);
    }

    @Test
    void logConfigOfAnUnknownJobIsJobNotFound() throws Exception {
        FlareClient client = given(Scenario.LOG_CONFIG_UNKNOWN_JOB);
        assertCaptureError(
                "186-log-config-unknown-id",
                assertThrows(
                        FlareException.class,
                        () -> client.logConfig(UNKNOWN_JOB, new LogConfigRequest("DEBUG", null, null))));
    }

    @Test
    void logConfigWithTheServerDownIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.SERVER_DOWN_LOG_CONFIG);
        assertConnectionFailed(assertThrows(
                FlareException.class, () -> client.logConfig(RUNNING_JOB, new LogConfigRequest("DEBUG", null, null))));
    }

    // ---- one contract: every input gets the CLI's error code and exit code on both transports (issue 9)

    /** A job id the server cannot know: flare_api sends it as is, the server reads "a" as the job id. */
    protected static final String JOB_ID_WITH_A_SPACE = "a b";
    /** A job id argparse takes for an option (the argument of capture 68). */
    protected static final String JOB_ID_LIKE_AN_OPTION = "--bogus-flag";
    /** The 129-character token of the issue; "bad token!" is the other. */
    protected static final List<String> BAD_TOKENS = List.of("bad token!", "x".repeat(129));

    @Test
    void submitOfAFolderThatDoesNotExistIsInvalidArgsBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_NO_SUCH_FOLDER);
        Path missing = missingJobFolder();
        FlareException e =
                assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(missing, null, null)));
        assertCliCodes(CliAnswers.invalidJobFolder(missing.toString()), e);
        assertTrue(
                e.getMessage().startsWith("Invalid arguments. \u2014 invalid job folder: " + missing), e.getMessage());
        assertNothingSent();
    }

    @Test
    void submitOfAFolderWithoutMetaIsJobInvalidBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_FOLDER_WITHOUT_META);
        Path job = jobFolder("hello-numpy", "v1");
        Files.delete(job.resolve("meta.json"));
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
        assertCliCodes(CliAnswers.jobInvalid(CliAnswers.noMeta(CliAnswers.UPLOADED_FOLDER)), e);
        assertTrue(e.getMessage().startsWith("Job folder is not a valid NVFlare job. \u2014 "), e.getMessage());
        assertTrue(e.getMessage().contains("lacks meta.(json|conf|yml|yaml)"), e.getMessage());
        assertNothingSent();
    }

    @Test
    void submitOfAFolderWithoutServerConfigIsJobInvalidBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_FOLDER_WITHOUT_SERVER_CONFIG);
        Path job = jobFolder("hello-numpy", "v1");
        Files.writeString(
                job.resolve("meta.json"), "{\"name\": \"hello-numpy\", \"deploy_map\": {\"app\": [\"@ALL\"]}}");
        Files.delete(job.resolve("app/config/config_fed_server.json"));
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
        assertCliCodes(CliAnswers.jobInvalid(CliAnswers.noServerConfig("app")), e);
        assertTrue(e.getMessage().contains("config_fed_server"), e.getMessage());
        assertNothingSent();
    }

    @Test
    void submitOfAFolderWhoseMetaIsNotJsonIsTheClisInternalErrorBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_META_NOT_JSON);
        Path job = jobFolder("hello-numpy", "v1");
        Files.writeString(job.resolve("meta.json"), CliAnswers.UNPARSABLE_META);
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
        assertCliCodes(CliAnswers.metaJsonNotParsable(), e);
        assertTrue(e.getMessage().contains("meta.json"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column 10"), e.getMessage());
        assertNothingSent();
    }

    /**
     * Not the CLI's answer: it follows the link and uploads the file outside the job folder. Both transports refuse
     * symbolic links in job folders with the local UNSAFE_PATH (README, "Symbolic links in job folders").
     */
    @Test
    void submitOfAFolderHoldingASymbolicLinkIsRefusedBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_FOLDER_WITH_LINK);
        Path job = jobFolder("hello-numpy", "v1");
        Path secret = Files.writeString(tmp.resolve("id_rsa"), "not for FLARE");
        Files.createDirectories(job.resolve("app/custom"));
        Files.createSymbolicLink(job.resolve("app/custom/weights.bin"), secret);
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertEquals(ExitCodes.LOCAL, e.exitCode());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertTrue(
                e.getMessage().contains(Path.of("app", "custom", "weights.bin").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(secret.toString()), e.getMessage());
        assertNothingSent();
    }

    @Test
    void submitWithAnInvalidTokenIsInvalidArgsBeforeAnythingIsSent() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_BAD_TOKENS);
        Path job = jobFolder("hello-numpy", "v1");
        for (String token : BAD_TOKENS) {
            FlareException e =
                    assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, token)));
            assertCliCodes(CliAnswers.submitTokenInvalid(), e);
            assertTrue(e.getMessage().contains(SubmitTokens.CLI_ERROR), e.getMessage());
        }
        assertNothingSent();
    }

    @Test
    void aSubmitTokenForAJobWithAFileOverTenMibIsRefusedBeforeTheUpload() throws Exception {
        FlareClient client = given(Scenario.SUBMIT_TOKEN_WITH_A_LARGE_FILE);
        Path job = jobFolder("hello-numpy", "v1");
        Path blob = Files.createDirectories(job.resolve("app/custom")).resolve("blob.bin");
        try (RandomAccessFile file = new RandomAccessFile(blob.toFile(), "rw")) {
            file.setLength(SubmitTokens.MAX_HASHED_FILE + 1); // sparse: nothing is written
        }
        FlareException e =
                assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, "t-large")));
        assertCliCodes(Captures.stdout("188-submit-token-large-file"), e);
        assertTrue(e.getMessage().contains("app/custom/blob.bin has 10.0 MiB"), e.getMessage());
        assertTrue(e.hint().contains("without a submit token"), e.hint());
        assertNothingSent();
    }

    @Test
    void aKitWithoutFedAdminJsonIsStartupKitMissing() throws Exception {
        FlareClient client = given(Scenario.KIT_WITHOUT_FED_ADMIN);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertCliCodes(CliAnswers.notAStartupKit("kit"), e);
        assertTrue(
                e.getMessage().startsWith("Startup kit not found. \u2014 path is not a valid startup kit: "),
                e.getMessage());
    }

    @Test
    void aSiteKitIsStartupKitMissing() throws Exception {
        FlareClient client = given(Scenario.KIT_OF_A_SITE);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertCliCodes(CliAnswers.notAnAdminKit("kit"), e);
        assertTrue(
                e.getMessage().startsWith("Startup kit not found. \u2014 path is not an admin startup kit: "),
                e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsConnectionFailed() throws Exception {
        FlareClient client = given(Scenario.KIT_KEY_NOT_THE_CERTIFICATES);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertCliCodes(Captures.stdout("101-down-meta-json"), e);
    }

    @Test
    void aSiteCertificateInAnAdminKitIsAuthFailed() throws Exception {
        FlareClient client = given(Scenario.KIT_WITH_A_SITE_CERTIFICATE);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertCliCodes(CliAnswers.notAuthorized("get_job_meta " + JOB), e);
    }

    /** The server judges job ids on both transports: exactly the CLI's answer. */
    @Test
    void aJobIdWithASpaceIsJobNotFound() throws Exception {
        FlareClient client = given(Scenario.META_JOB_ID_WITH_A_SPACE);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB_ID_WITH_A_SPACE, null));
        assertCliError(CliAnswers.envelope(CliAnswers.jobNotFound(JOB_ID_WITH_A_SPACE)), e);
    }

    @Test
    void aJobIdStartingWithADashIsInvalidArgs() throws Exception {
        FlareClient client = given(Scenario.META_JOB_ID_LIKE_AN_OPTION);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB_ID_LIKE_AN_OPTION, null));
        assertCliCodes(Captures.stdout("68-argparse-error-json"), e);
        assertTrue(e.getMessage().contains("the following arguments are required: job_id"), e.getMessage());
        assertNothingSent();
    }

    /** The CLI's argument parser refuses it before connecting; the native transport too, with the same text. */
    @Test
    void logsSinceYesterdayIsTheClisInvalidArgs() throws Exception {
        FlareClient client = given(Scenario.LOGS_SINCE_NOT_A_TIMESTAMP);
        FlareException e = assertThrows(
                FlareException.class, () -> client.logs(JOB, new LogRequest("server", null, "yesterday", null, null)));
        Map<String, Object> cli = CliAnswers.envelope(CliAnswers.sinceNotATimestamp("yesterday"));
        assertEquals(cli.get("error_code"), e.errorCode());
        assertEquals(cli.get("exit_code"), e.exitCode());
        assertEquals(cli.get("message"), e.getMessage());
        assertEquals(cli.get("hint"), e.hint());
    }

    @Test
    void aServerGoingAwayDuringACommandIsConnectionFailedNamingTheServer() throws Exception {
        FlareClient client = given(Scenario.SERVER_GOES_AWAY_DURING_META);
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertCliCodes(CliAnswers.serverWentAway(), e);
        assertTrue(e.getMessage().contains("FLARE server"), e.getMessage());
        assertTrue(!(e.getMessage() + e.hint()).contains("client"), e.describe());
    }

    // ---- helpers

    /** Where the scenario SUBMIT_NO_SUCH_FOLDER points: a job folder that does not exist. */
    protected Path missingJobFolder() {
        return tmp.resolve("no-such-job");
    }

    /**
     * For inputs the transport refuses before it runs anything: nothing reached the server (or the CLI). A transport
     * that sent something would have met a closed port or an unscripted fake instead.
     */
    protected abstract void assertNothingSent();

    /** The error code and exit code of the CLI's answer (a capture's stdout or a CliAnswers text). */
    protected static void assertCliCodes(String cliAnswer, FlareException e) {
        Map<String, Object> cli = CliAnswers.envelope(cliAnswer);
        assertEquals(cli.get("error_code"), e.errorCode(), e.describe());
        assertEquals(cli.get("exit_code"), e.exitCode(), e.describe());
    }

    private static void assertCliError(Map<String, Object> envelope, FlareException e) {
        assertEquals(envelope.get("error_code"), e.errorCode());
        assertEquals(envelope.get("message"), e.getMessage());
        assertEquals(envelope.get("hint"), e.hint());
        assertEquals(envelope.get("exit_code"), e.exitCode());
    }

    /** A minimal FLARE job folder as the CLI accepts it; {@code variant} changes the content. */
    protected Path jobFolder(String name, String variant) throws IOException {
        Path job = Files.createDirectories(tmp.resolve("jobs-" + variant).resolve(name));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"" + name + "\", \"min_clients\": 2}");
        Path config = Files.createDirectories(job.resolve("app/config"));
        Files.writeString(
                config.resolve("config_fed_server.json"), "{\"format_version\": 2, \"variant\": \"" + variant + "\"}");
        Files.writeString(config.resolve("config_fed_client.json"), "{\"format_version\": 2}");
        return job;
    }

    /** A capture's path (or map of paths) with the captured output folder replaced by {@link #outputDir()}. */
    protected Object rebased(Object captured) {
        String out = outputDir().toAbsolutePath().toString();
        if (captured instanceof String s) {
            return s.replace(CAPTURED_OUTPUT_DIR, out);
        }
        if (captured instanceof Map<?, ?> m) {
            Map<String, Object> r = new LinkedHashMap<>();
            m.forEach((k, v) -> r.put((String) k, rebased(v)));
            return r;
        }
        return captured;
    }

    private static void assertLogConfig(String capture, LogConfigResult r) {
        Map<String, Object> data = Captures.dataMap(capture);
        assertEquals(
                new LogConfigResult(
                        (String) data.get("job_id"),
                        (String) data.get("config"),
                        Captures.strings(data.get("sites")),
                        (String) data.get("status")),
                r);
        assertEquals("applied", r.status());
    }

    private static void assertCaptureError(String capture, FlareException e) {
        assertCliError(Captures.envelope(capture), e);
    }

    /** 101/102/104: the code, and a message that says so (the native transport names the address it tried). */
    private static void assertConnectionFailed(FlareException e) {
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(e.getMessage().contains("connect to the FLARE server"), e.getMessage());
    }

    private static void assertEvents(String capture, List<MonitorEvent> events) {
        List<Map<String, Object>> lines = Captures.lines(capture);
        assertEquals(lines.size(), events.size(), events.toString());
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> line = lines.get(i);
            MonitorEvent e = events.get(i);
            String at = capture + " line " + (i + 1);
            assertEquals(line.get("event"), e.event(), at);
            assertEquals(line.get("job_id"), e.jobId(), at);
            assertEquals(line.get("status"), e.status(), at);
            assertEquals(line.get("job_status"), e.jobStatus(), at);
            assertEquals(line.get("terminal"), e.terminal(), at);
            assertEquals(line.get("elapsed_s"), e.elapsedSeconds(), at);
            assertEquals(line.get("duration_s"), e.durationSeconds(), at);
            assertEquals(line.get("job_meta"), e.jobMeta(), at);
            assertEquals(line.get("error_code"), e.errorCode(), at);
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) line.get("metrics");
            assertEquals(metrics == null ? Metrics.NONE : new Metrics(metrics), e.metrics(), at);
        }
    }

    private static void assertRows(String capture, List<JobSummary> jobs) {
        List<Map<String, Object>> rows = Captures.dataList(capture);
        assertEquals(rows.size(), jobs.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertEquals(
                    new JobSummary(
                            (String) row.get("job_id"),
                            (String) row.get("job_name"),
                            (String) row.get("status"),
                            (String) row.get("submit_time"),
                            (String) row.get("duration"),
                            (String) row.get("study")),
                    jobs.get(i));
        }
    }

    private static Map<String, Object> withoutBytes(Object site) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) site).forEach((k, v) -> copy.put((String) k, v));
        copy.remove("bytes");
        return copy;
    }
}
