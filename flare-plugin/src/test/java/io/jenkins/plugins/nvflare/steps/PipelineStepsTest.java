package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.FilePath;
import hudson.model.Result;
import hudson.tasks.Fingerprinter;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.agent.LogsCall;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Pipeline scenarios against a fake nvflare replaying the real captures (named in each test). */
@WithJenkins
class PipelineStepsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "train");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private FilePath workspace(WorkflowJob p) throws Exception {
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        assertNotNull(ws);
        ws.mkdirs();
        return ws;
    }

    /** The hello-numpy FedAvg run end to end: 21-job-submit, 22-job-monitor-jsonl, 27-job-logs-all-json, 28-job-download. */
    @Test
    void submitWaitLogsDownloadArchivesTheArtifacts() throws Exception {
        WorkflowJob p = pipeline("""
                node {
                  def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'flare-kit'
                  def r = flareWait jobId: id, credentialsId: 'flare-kit', timeout: 600, interval: 1
                  echo "result: ${r.status} ${r.outcome} ${r.duration}"
                  def text = flareLogs jobId: id, credentialsId: 'flare-kit', site: 'all', tail: 50
                  echo "log chars: ${text.length() > 0}"
                  def a = flareDownload jobId: id, credentialsId: 'flare-kit'
                  echo "model: ${a.globalModel}"
                  echo "metrics: ${a.metricsSummary}"
                }
                """);
        FilePath ws = workspace(p);
        FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");
        flare.fake
                .replay("21-job-submit")
                .respond("monitor", Response.capture("22-job-monitor-jsonl").streamed(Duration.ofMillis(50)))
                .replay("27-job-logs-all-json")
                .respond("download", FlareFixture.download(ws, "flare-results"));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("[FLARE] Submitted jobs/hello-numpy as FLARE job " + FlareFixture.JOB_ID, b);
        j.assertLogContains(FlareFixture.RUNNING_LINE, b);
        j.assertLogContains("result: FINISHED:COMPLETED COMPLETED 16.0", b);
        j.assertLogContains("===== server =====", b);
        j.assertLogContains("log chars: true", b);
        String root = "flare-results/" + FlareFixture.JOB_ID + "/";
        j.assertLogContains("model: " + root + "workspace/models/server.npy", b);
        j.assertLogContains("metrics: " + root + "workspace/metrics/metrics_summary.json", b);

        List<String> archived =
                b.getArtifacts().stream().map(a -> a.relativePath).sorted().toList();
        assertEquals(
                List.of(
                        root + "workspace/metrics/metrics_summary.json",
                        root + "workspace/metrics/round_metrics.jsonl",
                        root + "workspace/models/server.npy"),
                archived);
        Fingerprinter.FingerprintAction fingerprints = b.getAction(Fingerprinter.FingerprintAction.class);
        assertNotNull(fingerprints);
        String md5 = fingerprints.getRecords().get(root + "workspace/models/server.npy");
        assertNotNull(md5);
        // The model's fingerprint records this build's use of it, as "Record fingerprints" does.
        assertTrue(j.jenkins.getFingerprintMap().get(md5).getRangeSet(p).includes(b.getNumber()));

        JobRecord action = FlareFixture.job(b);
        assertEquals(FlareFixture.JOB_ID, action.getJobId());
        assertEquals("FINISHED:COMPLETED", action.getStatus());
        assertEquals("hello-numpy", action.getJobName());
        assertEquals(archived, action.getArtifacts().stream().sorted().toList());

        List<String> submit = flare.calls("submit").get(0);
        assertEquals("default", FlareFixture.option(submit, "--study"));
        assertEquals(ws.child("jobs/hello-numpy").getRemote(), FlareFixture.option(submit, "-j"));
        assertTrue(FlareFixture.option(submit, "--submit-token").startsWith("jenkins-train-1-"), submit.toString());
        assertEquals("all", FlareFixture.option(flare.calls("logs").get(0), "--site"));
        assertEquals("50", FlareFixture.option(flare.calls("logs").get(0), "--tail"));
        assertEquals(
                "1048576",
                FlareFixture.option(flare.calls("logs").get(0), "--max-bytes"),
                "at most 1 MiB per site by default");
        // Each step materialised the kit only for its call and deleted it afterwards.
        flare.assertKitsDeleted();
        assertNoSecrets(b);
    }

    @Test
    void theSubmitTokenIsStableForTheSameBuildAndStep() throws Exception {
        // 30-submit-token-t1-first: the CLI returns the job of an earlier submit with the same token.
        WorkflowJob p = pipeline(
                "node { echo flareSubmit(jobFolder: 'job', credentialsId: 'flare-kit', submitToken: 'release-42') }");
        FlareFixture.writeJobFolder(workspace(p), "job");
        flare.fake.replay("30-submit-token-t1-first");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        assertEquals("release-42", FlareFixture.option(flare.calls("submit").get(0), "--submit-token"));
        assertNotNull(FlareFixture.job(b));
    }

    @Test
    void aJobWithAFileOverTenMibIsSubmittedWithoutTheDerivedToken() throws Exception {
        // 21-job-submit. With a token, FLARE refuses a job holding a file over 10 MiB (live capture 188): the token
        // the plugin derived is left out and the console says why.
        WorkflowJob p =
                withLargeJob("node { echo flareSubmit(jobFolder: 'job', credentialsId: 'flare-kit', wait: false) }");
        flare.fake.replay("21-job-submit");
        WorkflowRun b = j.buildAndAssertSuccess(p);
        List<String> submit = flare.calls("submit").get(0);
        assertFalse(submit.contains("--submit-token"), submit.toString());
        j.assertLogContains("[FLARE] Submitting without a submit token: app/custom/model.pt has 10.0 MiB", b);
        j.assertLogContains("(study default, submit token none)", b);
    }

    @Test
    void aGivenTokenForAJobWithAFileOverTenMibIsRefusedBeforeTheUpload() throws Exception {
        WorkflowJob p = withLargeJob(
                "node { flareSubmit jobFolder: 'job', credentialsId: 'flare-kit', submitToken: 'release-42' }");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("FLARE cannot use a submit token for this job: app/custom/model.pt has 10.0 MiB", b);
        j.assertLogContains("[INTERNAL_ERROR, exit 5]", b);
        assertTrue(flare.fake.calls().isEmpty());
    }

    /** A pipeline whose workspace holds {@code job/} with {@code app/custom/model.pt} of 10 MiB + 1 (sparse). */
    private WorkflowJob withLargeJob(String script) throws Exception {
        WorkflowJob p = pipeline(script);
        FilePath ws = workspace(p);
        FlareFixture.writeJobFolder(ws, "job");
        FilePath model = ws.child("job/app/custom/model.pt");
        model.getParent().mkdirs();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(model.getRemote(), "rw")) {
            f.setLength(SubmitTokens.MAX_HASHED_FILE + 1);
        }
        return p;
    }

    @Test
    void aFailedJobFailsTheBuildWithFlaresMessage() throws Exception {
        // 22-job-monitor-jsonl with its terminal event turned into a failed run, as job_cli.py prints one.
        List<String> lines = captureLines("22-job-monitor-jsonl");
        String terminal = lines.get(lines.size() - 1)
                .replace("\"status\": \"COMPLETED\"", "\"status\": \"FAILED\", \"error_code\": \"JOB_FAILED\"")
                .replace("FINISHED:COMPLETED", "FINISHED:EXECUTION_EXCEPTION");
        List<String> failed = new java.util.ArrayList<>(lines.subList(0, lines.size() - 1));
        failed.add(terminal);
        flare.fake.respond("monitor", Response.lines(failed, Duration.ZERO, 1));
        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline("node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' }"));
        j.assertLogContains(
                "FLARE job " + FlareFixture.JOB_ID + " (hello-numpy) failed (FINISHED:EXECUTION_EXCEPTION) in 16 sec.",
                b);
        // the hint on a line of its own, naming the steps that inspect a failure
        j.assertLogContains(
                "[JOB_FAILED]\nHint: Read the job's logs with flareLogs (site: 'all' for every site) and its details "
                        + "with flareStatus.",
                b);
        assertEquals(
                1,
                j.getLog(b).split("failed \\(FINISHED:EXECUTION_EXCEPTION\\)", -1).length - 1,
                "the outcome is printed once, as the step's error");
        j.assertLogContains("[JOB_FAILED]", b);
        assertEquals("FAILED", FlareFixture.job(b).getOutcome());
        flare.assertKitsDeleted();
    }

    @Test
    void anAbortedJobAbortsTheBuildUnlessPropagateIsFalse() throws Exception {
        // 46-monitor-aborted-jsonl: the job was aborted in FLARE.
        flare.fake.replay("46-monitor-aborted-jsonl");
        WorkflowRun aborted = j.buildAndAssertStatus(
                Result.ABORTED,
                pipeline(
                        "node { flareWait jobId: '3a753c6b-0b55-4a6e-97e9-a87b92e05356', credentialsId: 'flare-kit' }"));
        j.assertLogContains("was aborted", aborted);

        WorkflowJob p2 = j.createProject(WorkflowJob.class, "lenient");
        p2.setDefinition(new CpsFlowDefinition(
                "node { def r = flareWait jobId: '3a753c6b-0b55-4a6e-97e9-a87b92e05356', "
                        + "credentialsId: 'flare-kit', propagate: false\n echo \"outcome=${r.outcome} code=${r.errorCode}\" }",
                true));
        WorkflowRun lenient = j.buildAndAssertSuccess(p2);
        j.assertLogContains("outcome=ABORTED code=JOB_ABORTED", lenient);
    }

    @Test
    void aTimeoutFailsTheBuild() throws Exception {
        // Monitor timeout as job_cli.py reports it: a terminal event with status TIMEOUT, exit code 3
        // (the first progress event is the captured one from 22-job-monitor-jsonl).
        String progress = captureLines("22-job-monitor-jsonl").get(0);
        String timeout = "{\"schema_version\": \"1\", \"event\": \"terminal\", \"job_id\": \"" + FlareFixture.JOB_ID
                + "\", \"status\": \"TIMEOUT\", \"job_status\": \"RUNNING\", \"terminal\": true, \"timeout_seconds\": 5, "
                + "\"elapsed_s\": 5.2, \"metrics\": null}";
        flare.fake.respond("monitor", Response.lines(List.of(progress, timeout), Duration.ZERO, 3));
        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline("node { flareWait jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', timeout: 2, interval: 1 }"));
        j.assertLogContains("did not finish in time", b);
        // each poll is a one-second monitor; the step's own timeout counts wall time over all of them
        assertEquals("1", FlareFixture.option(flare.calls("monitor").get(0), "--timeout"));
        flare.assertKitsDeleted();
    }

    @Test
    void anUnknownJobIdFailsWithFlaresErrorCode() throws Exception {
        // 51-unknown-id-meta-json: FLARE's JOB_NOT_FOUND envelope.
        flare.fake.respond("monitor", Response.capture("51-unknown-id-meta-json"));
        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE, pipeline("node { flareWait jobId: 'no-such-job', credentialsId: 'flare-kit' }"));
        j.assertLogContains("JOB_NOT_FOUND", b);
        flare.assertKitsDeleted();
    }

    @Test
    void aServerThatIsDownFailsWithConnectionFailed() throws Exception {
        // 102-down-submit-json: the server is not running.
        WorkflowJob p =
                pipeline("node { flareSubmit jobFolder: 'job', credentialsId: 'flare-kit', connectTimeout: 1 }");
        FlareFixture.writeJobFolder(workspace(p), "job");
        flare.fake.replay("102-down-submit-json");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("CONNECTION_FAILED", b);
        assertEquals("--connect-timeout", flare.fake.call(0).get(0));
    }

    @Test
    void aJobFolderWithoutServerConfigIsRefusedBeforeFlareIsCalled() throws Exception {
        WorkflowJob p = pipeline("node { flareSubmit jobFolder: 'job', credentialsId: 'flare-kit' }");
        FilePath ws = workspace(p);
        FlareFixture.writeJobFolder(ws, "job");
        ws.child("job/app/config/config_fed_server.json").delete();
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("lacks an app with config/config_fed_server", b);
        // the code the CLI's server gives such a folder after the upload (issue 9: one contract), found before
        j.assertLogContains("[JOB_INVALID, exit 1]", b);
        assertTrue(flare.fake.calls().isEmpty());
    }

    @Test
    void aBadKitFailsClearlyAndNothingIsCalled() throws Exception {
        // A Secret file that is not a kit zip, and one holding an expired admin kit.
        FlareFixture.addCredentials(new FileCredentialsImpl(
                CredentialsScope.GLOBAL,
                "junk",
                "",
                "junk.zip",
                SecretBytes.fromRawBytes("not a zip".getBytes(StandardCharsets.UTF_8))));
        FlareFixture.addCredentials(new FileCredentialsImpl(
                CredentialsScope.GLOBAL, "expired", "", "old.zip", SecretBytes.fromRawBytes(flare.kit(10, 5))));
        WorkflowRun junk = j.buildAndAssertStatus(
                Result.FAILURE, pipeline("node { flareWait jobId: 'x', credentialsId: 'junk' }"));
        j.assertLogContains("KIT_INVALID", junk);
        WorkflowJob p2 = j.createProject(WorkflowJob.class, "expired");
        p2.setDefinition(new CpsFlowDefinition("node { flareWait jobId: 'x', credentialsId: 'expired' }", true));
        WorkflowRun expired = j.buildAndAssertStatus(Result.FAILURE, p2);
        // the CLI's code for an expired certificate: the server's TLS refuses it (issue 9: one contract)
        j.assertLogContains("expired on", expired);
        j.assertLogContains("[CONNECTION_FAILED, exit 2]", expired);
        WorkflowJob p3 = j.createProject(WorkflowJob.class, "missing");
        p3.setDefinition(new CpsFlowDefinition("node { flareWait jobId: 'x', credentialsId: 'nope' }", true));
        WorkflowRun missing = j.buildAndAssertStatus(Result.FAILURE, p3);
        j.assertLogContains("No credentials with id 'nope'", missing);
        assertTrue(flare.fake.calls().isEmpty());
    }

    @Test
    void secretFileCredentialsHoldingAKitWork() throws Exception {
        // 25-job-wait is not used by flareWait (it monitors); 22-job-monitor-jsonl is.
        FlareFixture.addCredentials(new FileCredentialsImpl(
                CredentialsScope.GLOBAL, "kit-file", "", "admin.zip", SecretBytes.fromRawBytes(flare.kitZip)));
        flare.fake.replay("22-job-monitor-jsonl");
        j.buildAndAssertSuccess(
                pipeline("node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'kit-file' }"));
    }

    @Test
    void abortingTheBuildAbortsTheFlareJob() throws Exception {
        // The first progress event of 22-job-monitor-jsonl, then the job runs on; 43-abort-force answers the abort.
        // A first poll sees the job running (140-monitor-poll-running-jsonl); the second one is in flight when the
        // build stops.
        String progress = captureLines("22-job-monitor-jsonl").get(0);
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .respond(
                        "monitor",
                        Response.lines(List.of(progress), Duration.ZERO, 0).thenHang())
                .replay("43-abort-force");
        WorkflowJob p = pipeline(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        while (flare.calls("monitor").size() < 2) {
            Thread.sleep(50);
        }
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("aborting FLARE job " + FlareFixture.JOB_ID, b);
        j.assertLogNotContains("java.lang.InterruptedException", b);
        JobRecord action = FlareFixture.job(b);
        assertEquals("ABORTED", action.getOutcome(), "the build page says the FLARE job was aborted with the build");
        assertEquals("Aborted with the Jenkins build.", action.getMessage());
        List<List<String>> aborts = flare.calls("abort");
        assertEquals(1, aborts.size());
        assertTrue(aborts.get(0).contains("--force"));
        assertTrue(aborts.get(0).contains(FlareFixture.JOB_ID));
        flare.assertKitsDeleted();
    }

    @Test
    void abortOnInterruptFalseLeavesTheFlareJobRunning() throws Exception {
        flare.fake.respond("monitor", FlareFixture.runningPoll());
        WorkflowJob p = pipeline("node { flareWait jobId: '" + FlareFixture.JOB_ID
                + "', credentialsId: 'flare-kit', abortOnInterrupt: false }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("keeps running (abortOnInterrupt: false)", b);
        assertEquals(null, FlareFixture.job(b).getOutcome());
        assertTrue(FlareFixture.job(b).getMessage().contains("left running"));
        assertTrue(flare.calls("abort").isEmpty());
    }

    /**
     * The text {@code flareLogs} returns is bounded; the console and the file get all of it. The logs are the
     * captured 27-job-logs-all-json with the server's log repeated to about 1 MB (rendered as text, about 640 KB).
     */
    @Test
    void flareLogsReturnsABoundedText() throws Exception {
        ObjectNode envelope = (ObjectNode) MAPPER.readTree(FakeNvflare.resource("27-job-logs-all-json.stdout"));
        ObjectNode logs = (ObjectNode) envelope.get("data").get("logs");
        String serverLog = logs.get("server").asText();
        logs.put("server", serverLog.repeat(1_000_000 / serverLog.length() + 1));
        flare.fake.respond("logs", Response.of(MAPPER.writeValueAsString(envelope), "", 0));
        WorkflowJob p = pipeline("""
                node {
                  def text = flareLogs jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit', site: 'all',
                                       file: 'logs/all.txt'
                  echo "returned ${text.length()} characters, starting: ${text.substring(0, 60)}"
                }
                """);

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String file = j.jenkins.getWorkspaceFor(p).child("logs/all.txt").readToString();
        assertTrue(file.length() > 2 * LogsCall.RETURNED_CHARS, "file: " + file.length());
        assertTrue(j.getLog(b).length() > file.length(), "the console has the whole text");
        String kept = Integer.toString(LogsCall.RETURNED_CHARS);
        j.assertLogContains("returned ", b);
        String echoed = j.getLog(b)
                .lines()
                .filter(l -> l.startsWith("returned "))
                .findFirst()
                .orElseThrow();
        int returned = Integer.parseInt(echoed.split(" ")[1]);
        assertTrue(
                returned <= LogsCall.RETURNED_CHARS + 100 && returned > LogsCall.RETURNED_CHARS / 2,
                echoed + " (bound " + kept + ")");
        assertTrue(echoed.contains("characters left out;"), echoed);
    }

    /**
     * The freestyle builders are not offered to Pipeline next to the real steps: not in the snippet generator,
     * not through the {@code step} metastep, and their former symbols are no functions.
     */
    @Test
    void freestyleBuildersAreNotPipelineSteps() throws Exception {
        // The snippet generator's page holds every step and every describable the step metastep offers.
        String snippetGenerator =
                j.createWebClient().goTo("pipeline-syntax").getWebResponse().getContentAsString();
        assertTrue(snippetGenerator.contains(FlareSubmitStep.class.getName()), "flareSubmit is offered");
        assertTrue(
                snippetGenerator.contains("hudson.tasks.ArtifactArchiver"),
                "a SimpleBuildStep is offered, by its class");
        for (Class<?> builder : List.of(FlareSubmitBuilder.class, FlareLogsBuilder.class, FlareDownloadBuilder.class)) {
            assertFalse(snippetGenerator.contains(builder.getName()), builder + " is offered");
        }
        WorkflowJob metastep = j.createProject(WorkflowJob.class, "twin-step");
        metastep.setDefinition(new CpsFlowDefinition(
                "node { step([$class: 'FlareLogsBuilder', credentialsId: 'flare-kit', jobId: 'x']) }", true));
        j.buildAndAssertStatus(Result.FAILURE, metastep);
        for (String symbol : List.of("flareSubmitJob", "flareJobLogs", "flareDownloadResult")) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "twin-" + symbol);
            p.setDefinition(new CpsFlowDefinition("node { " + symbol + " credentialsId: 'flare-kit' }", true));
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("No such DSL method '" + symbol + "'", b);
        }
        assertTrue(flare.fake.calls().isEmpty());
    }

    /** Two parallel branches follow the same job (22-job-monitor-jsonl): the build page shows it once. */
    @Test
    void parallelBranchesFollowingOneJobShareItsAction() throws Exception {
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl").streamed(Duration.ofMillis(10)));
        WorkflowRun b = j.buildAndAssertSuccess(pipeline("""
                node {
                  parallel a: { flareWait jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit' },
                           b: { flareWait jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit' }
                }
                """));
        assertEquals(1, FlareFixture.jobs(b).size());
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
        assertEquals(2, flare.calls("monitor").size());
    }

    private static List<String> captureLines(String capture) {
        return new String(FakeNvflare.resource(capture + ".stdout"), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    private void assertNoSecrets(WorkflowRun b) throws Exception {
        String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"));
        String log = j.getLog(b);
        String kitBase64 = Base64.getEncoder().encodeToString(flare.kitZip).substring(0, 40);
        for (String text : List.of(buildXml, log)) {
            assertFalse(text.contains("PRIVATE KEY"));
            assertFalse(text.contains(kitBase64));
        }
    }
}
