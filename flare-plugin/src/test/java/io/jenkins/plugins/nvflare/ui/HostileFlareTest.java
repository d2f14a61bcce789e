package io.jenkins.plugins.nvflare.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A hostile FLARE, or a Jenkinsfile's own {@code nvflare}, puts markup in everything it sends: the job's name, status
 * and study, the metrics' names and values, the sites' names and results, the error code, message and hint, the
 * downloaded file names. Every page shows it as text and creates no element and runs no script: the build page, the
 * FLARE page, the job's page, its live view, the job page with its trends and the console. The answers are the real
 * captures (140-monitor-poll-running-jsonl, 46-monitor-aborted-jsonl, 26-job-meta, 28-job-download,
 * 150-download-round_metrics.jsonl, 51-unknown-id-meta-json) with their texts replaced by the payload.
 */
@WithJenkins
class HostileFlareTest {

    /** Markup that would create an element and run script if it reached a page as HTML. */
    private static final String PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    /** The payload where a file name cannot hold a slash. */
    private static final String NAME_PAYLOAD = "<img src=x onerror=alert(3)>";

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    @Test
    void whatFlareSendsIsShownAsTextEverywhere() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "hostile");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  flareWait jobId: '%1$s', credentialsId: 'flare-kit', interval: 1, propagate: false
                  flareDownload jobId: '%1$s', credentialsId: 'flare-kit'
                  catchError { flareStatus jobId: '%1$s', credentialsId: 'flare-kit' }
                }
                """.formatted(FlareFixture.JOB_ID), true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        for (int build = 0; build < 2; build++) {
            flare.fake
                    .respond("monitor", Response.of(hostileRunning(), "", 3))
                    .respond("meta", Response.of(hostileMeta(), "", 0))
                    .respond("monitor", Response.of(hostileEnd(), "", 1))
                    .respond("download", FlareFixture.download(ws, "flare-results"))
                    .respond("meta", Response.of(hostileError(), "", 1));
            Path job = Path.of(ws.getRemote(), "flare-results", FlareFixture.JOB_ID);
            Files.createDirectories(job.resolve("workspace/metrics"));
            Files.writeString(
                    job.resolve("workspace/metrics/round_metrics.jsonl"),
                    new String(FakeNvflare.resource("150-download-round_metrics.jsonl"), StandardCharsets.UTF_8)
                            .replace("weight_mean", PAYLOAD.replace("\"", "\\\"")));
            Path siteLog = job.resolve(NAME_PAYLOAD).resolve("log.txt");
            Files.createDirectories(siteLog.getParent());
            Files.writeString(siteLog, PAYLOAD + "\n");
            p.scheduleBuild2(0).get();
        }
        WorkflowRun b = p.getLastBuild();
        j.assertLogContains(PAYLOAD, b);
        JobRecord record = FlareFixture.job(b);
        assertTrue(record.getJobName().contains("<img"), "the payload reached the record: " + record.getJobName());
        assertTrue(
                record.getSites().stream().anyMatch(s -> s.site().contains("<img")),
                "a site named by the payload: " + record.getSites());
        assertTrue(
                record.getArtifacts().stream().anyMatch(a -> a.contains("<img")),
                "an archived file named by the payload: " + record.getArtifacts());
        assertTrue(
                record.getRounds().values().stream()
                        .anyMatch(r -> r.keySet().stream().anyMatch(n -> n.contains("<img"))),
                "a metric named by the payload: " + record.getRounds());

        List<String> alerts = new ArrayList<>();
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setAlertHandler((page, message) -> alerts.add(message));
        String flarePage = b.getUrl() + "flare/";
        String jobPage = b.getUrl() + FlareFixture.view(b).getUrl();
        for (String url : List.of(b.getUrl(), flarePage, jobPage, b.getUrl() + "console")) {
            HtmlPage page = wc.goTo(url);
            wc.waitForBackgroundJavaScript(2000);
            assertNoPayloadElements(page, url);
            assertTrue(page.asNormalizedText().contains("<img src=x onerror=alert("), "shown as text on " + url);
        }
        HtmlPage trends = wc.goTo(p.getUrl()); // the trends' names are drawn on a canvas, in tooltips as text
        wc.waitForBackgroundJavaScript(2000);
        assertNoPayloadElements(trends, p.getUrl());
        assertEquals(List.of(), alerts, "no script ran");

        String live = wc.goTo(jobPage + "live", "text/html").getWebResponse().getContentAsString();
        assertFalse(live.contains("<img src=x") || live.contains("<script>alert"), live);
        assertTrue(live.contains("&lt;img src=x onerror=alert("), live);

        String model = p.getAction(FlareTrendAction.class).getMetrics().getBuildTrendModel();
        assertTrue(
                model.contains("<img src=x onerror=alert(1)>"), "the trend's series keep the name as data: " + model);
    }

    /**
     * The same from a hostile server on the native transport (flare-client's {@link FakeFederation#hostile}: the
     * captured hello-numpy run, 26-job-meta with the payload as the job's name, study, status and a site): the build
     * page, the FLARE page, the job's page and its live view show it as text.
     */
    @Test
    void whatANativeServerSendsIsShownAsText() throws Exception {
        try (FakeFederation federation = FakeFederation.hostile(tmp.resolve("federation"), PAYLOAD)) {
            FlareFixture.addNativeKit(federation);
            WorkflowJob p = j.createProject(WorkflowJob.class, "hostile-native");
            p.setDefinition(new CpsFlowDefinition(
                    "node { flareWait jobId: '" + FakeFederation.jobId() + "', credentialsId: 'native-kit',"
                            + " transport: 'native', interval: 1, propagate: false }",
                    true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            JobRecord record = FlareFixture.job(b);
            assertTrue(record.getStatus().contains("<img"), "the payload reached the record: " + record.getStatus());
            assertTrue(
                    record.getSites().stream().anyMatch(s -> s.site().contains("<img")),
                    "a site named by the payload: " + record.getSites());

            List<String> alerts = new ArrayList<>();
            JenkinsRule.WebClient wc = j.createWebClient();
            wc.setAlertHandler((page, message) -> alerts.add(message));
            String jobPage = b.getUrl() + FlareFixture.view(b).getUrl();
            for (String url : List.of(b.getUrl(), b.getUrl() + "flare/", jobPage)) {
                HtmlPage page = wc.goTo(url);
                wc.waitForBackgroundJavaScript(2000);
                assertNoPayloadElements(page, url);
                assertTrue(page.asNormalizedText().contains("<img src=x onerror=alert("), "shown as text on " + url);
            }
            assertEquals(List.of(), alerts, "no script ran");
            String live =
                    wc.goTo(jobPage + "live", "text/html").getWebResponse().getContentAsString();
            assertFalse(live.contains("<img src=x") || live.contains("<script>alert"), live);
        }
    }

    private static void assertNoPayloadElements(HtmlPage page, String url) {
        for (DomElement img : page.getElementsByTagName("img")) {
            assertFalse("x".equals(img.getAttribute("src")), "an <img> from FLARE's text on " + url);
        }
        for (DomElement script : page.getElementsByTagName("script")) {
            assertFalse(script.getTextContent().contains("alert(2)"), "a <script> from FLARE's text on " + url);
        }
    }

    /** 140-monitor-poll-running-jsonl with the payload as job name, status, study and a metric's name and value. */
    private static String hostileRunning() {
        String running = new String(FlareFixture.runningPoll().stdout(), StandardCharsets.UTF_8);
        String first = running.lines().findFirst().orElseThrow();
        String hostile = first.replace("\"hello-numpy\"", json(PAYLOAD))
                        .replace(
                                "\"status\": \"RUNNING\", \"submit_time\"",
                                "\"status\": " + json(PAYLOAD) + ", \"submit_time\"")
                        .replace("\"job_status\": \"RUNNING\"", "\"job_status\": " + json("RUNNING " + PAYLOAD))
                        .replace("\"study\": \"default\"", "\"study\": " + json(PAYLOAD))
                        .substring(0, first.length() - 1)
                + ", \"metrics\": {\"round\": 1, " + json(PAYLOAD) + ": 0.5, \"loss\": " + json(PAYLOAD) + "}}";
        return running.replace(first, hostile);
    }

    /** 26-job-meta whose sites are named by the payload and report it as their result. */
    private static String hostileMeta() {
        return new String(FakeNvflare.resource("26-job-meta.stdout"), StandardCharsets.UTF_8)
                .replace("\"site-1: OK\"", json(NAME_PAYLOAD + ": " + PAYLOAD));
    }

    /** 46-monitor-aborted-jsonl for this job, its status and error code the payload. */
    private static String hostileEnd() {
        return new String(FakeNvflare.resource("46-monitor-aborted-jsonl.stdout"), StandardCharsets.UTF_8)
                .replace("3a753c6b-0b55-4a6e-97e9-a87b92e05356", FlareFixture.JOB_ID)
                .replace("\"job_status\": \"FINISHED:ABORTED\"", "\"job_status\": " + json("FINISHED:" + PAYLOAD))
                .replace("\"hello-numpy\"", json(PAYLOAD));
    }

    /** 51-unknown-id-meta-json with the payload as FLARE's message and hint. */
    private static String hostileError() {
        String error = new String(FakeNvflare.resource("51-unknown-id-meta-json.stdout"), StandardCharsets.UTF_8);
        return error.replaceAll("\"message\": \"[^\"]*\"", "\"message\": " + json(PAYLOAD))
                .replaceAll("\"hint\": \"[^\"]*\"", "\"hint\": " + json(PAYLOAD));
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
