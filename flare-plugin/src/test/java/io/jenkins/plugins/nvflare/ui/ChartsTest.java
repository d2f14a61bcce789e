package io.jenkins.plugins.nvflare.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The data behind the build page's round chart and site table, and the job page's trends. */
@WithJenkins
class ChartsTest {

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

    /**
     * A download (28-job-download, its round_metrics.jsonl the live capture 150-download-round_metrics.jsonl, plus a
     * site's log) gives the chart FLARE's rounds; the archived site log fills the site table, and {@code flareStatus}
     * (26-job-meta) the sites' status.
     */
    @Test
    void theBuildPageChartsTheDownloadedRoundsAndListsTheSites() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "chart");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareDownload jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit'\n flareStatus jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit' }",
                true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        flare.fake
                .respond("download", FlareFixture.download(ws, "flare-results"))
                .replay("26-job-meta");
        Path rounds =
                Path.of(ws.getRemote(), "flare-results", FlareFixture.JOB_ID, "workspace/metrics/round_metrics.jsonl");
        Files.write(rounds, FakeNvflare.resource("150-download-round_metrics.jsonl"));
        // The captured download holds the server's workspace only; a job whose sites sent their logs also has
        // <site>/log.txt, which the CLI's rules (_site_name_from_log_path) report as that site's log.
        Path siteLog = Path.of(ws.getRemote(), "flare-results", FlareFixture.JOB_ID, "site-1", "log.txt");
        Files.createDirectories(siteLog.getParent());
        Files.writeString(siteLog, "2026-11-24 23:18:51 - site-1 - INFO - training\n");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        JobView view = FlareFixture.view(b);
        JobRecord action = view.getJob();
        assertEquals(
                Map.of(0, Map.of("weight_mean", 6.0), 1, Map.of("weight_mean", 7.0), 2, Map.of("weight_mean", 8.0)),
                action.getRounds());
        JsonNode model = MAPPER.readTree(view.getBuildTrendModel());
        assertEquals(List.of("0", "1", "2"), strings(model.get("domainAxisLabels")));
        assertEquals("weight_mean", model.get("series").get(0).get("name").asText());
        assertEquals(List.of(6.0, 7.0, 8.0), doubles(model.get("series").get(0).get("data")));
        assertTrue(view.isTrendVisible());

        List<JobRecord.SiteRow> sites = action.getSites();
        assertEquals(
                List.of("server", "site-1", "site-2"),
                sites.stream().map(JobRecord.SiteRow::site).toList());
        assertTrue(sites.stream().allMatch(s -> "OK".equals(s.status())), sites.toString());
        JobRecord.SiteRow site1 = sites.get(1);
        assertNotNull(site1.log(), "site-1's archived log");
        assertTrue(b.getArtifacts().stream().anyMatch(a -> a.relativePath.equals(site1.log())), site1.log());

        String page = j.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertTrue(
                page.contains("id=\"flare-rounds-")
                        && page.contains("Metrics per round")
                        && !page.contains("class=\"flare-rounds\" style=\"display:none\""),
                "the chart is on the build page: "
                        + page.substring(Math.max(0, page.indexOf("NVIDIA FLARE job") - 200)));
        assertTrue(page.contains("flare-sites") && page.contains(site1.log()), "the site table links the log");
        String text = j.createWebClient().getPage(b).asNormalizedText();
        assertTrue(text.contains("Last metrics: weight_mean 8 (round 2)"), text);
        assertTrue(text.contains("FLARE sent no log for this site"), "site-2 sent none: " + text);
        String live = liveView(b);
        assertTrue(live.contains("data-building=\"false\"") && live.contains("data-rounds=\"3\""), live);
        assertTrue(
                live.contains("flare-sites") && live.contains(site1.log()),
                "the live view has the site table: " + live);
        String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"));
        assertTrue(buildXml.length() < 20_000, "small numbers only: " + buildXml.length());

        // A second build: the job page's final-metrics trend has FLARE's last round of each.
        j.buildAndAssertSuccess(p);
        FlareTrendAction trend = p.getAction(FlareTrendAction.class);
        assertTrue(trend.getMetrics().isTrendVisible());
        JsonNode metrics = MAPPER.readTree(trend.getMetrics().getBuildTrendModel());
        assertEquals("weight_mean", metrics.get("series").get(0).get("name").asText());
        assertEquals(List.of(8.0, 8.0), doubles(metrics.get("series").get(0).get("data")));
    }

    /**
     * The polls' metrics become the chart while the job runs: 140-monitor-poll-running-jsonl with FLARE's metrics of
     * rounds 1 and 2. The first poll that sees the job running also asks for its sites (26-job-meta), once, for the
     * site table: no flareStatus needed.
     */
    @Test
    void pollsWithARoundAddPointsWhileTheJobRuns() throws Exception {
        String running = new String(FlareFixture.runningPoll().stdout(), StandardCharsets.UTF_8);
        flare.fake
                .respond("monitor", Response.of(withMetrics(running, 1, 0.5, 0.9), "", 3))
                .respond("monitor", Response.of(withMetrics(running, 2, 0.75, 0.4), "", 3))
                .respond("monitor", Response.capture("22-job-monitor-jsonl"))
                .respond("meta", Response.capture("26-job-meta"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "live");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }",
                true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("[FLARE] Job e44ccf11 (hello-numpy): round 2: accuracy 0.75, loss 0.4", b);
        JobRecord action = FlareFixture.job(b);
        assertEquals(
                Map.of(1, Map.of("accuracy", 0.5, "loss", 0.9), 2, Map.of("accuracy", 0.75, "loss", 0.4)),
                action.getRounds());
        assertEquals(
                List.of("server OK", "site-1 OK", "site-2 OK"),
                action.getSites().stream().map(r -> r.site() + " " + r.status()).toList());
        assertEquals(
                1,
                flare.fake.calls().stream().filter(c -> c.contains("meta")).count(),
                flare.fake.calls().toString());
    }

    /**
     * The build page fetches the action's live view every few seconds while the build runs (flare-live.js): it says
     * the build runs and how many rounds the chart has, and once the build ended, that it did. Replays
     * 140-monitor-poll-running-jsonl with round 1 for several polls, then round 2, then 22-job-monitor-jsonl.
     */
    @Test
    void theLiveViewFollowsARunningBuild() throws Exception {
        String running = new String(FlareFixture.runningPoll().stdout(), StandardCharsets.UTF_8);
        for (int i = 0; i < 8; i++) {
            flare.fake.respond("monitor", Response.of(withMetrics(running, 1, 0.5, 0.9), "", 3));
        }
        flare.fake
                .respond("monitor", Response.of(withMetrics(running, 2, 0.75, 0.4), "", 3))
                .respond("monitor", Response.capture("22-job-monitor-jsonl"))
                .respond("meta", Response.capture("26-job-meta"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "live-view");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }",
                true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        long deadline = System.currentTimeMillis() + 60_000;
        JobRecord action = FlareFixture.job(b);
        while ((action == null || action.getRounds().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            action = FlareFixture.job(b);
        }
        assertNotNull(action, "no FLARE job on the build");
        String live = liveView(b);
        assertTrue(live.contains("data-building=\"true\"") && live.contains("data-rounds=\"1\""), live);
        assertTrue(live.contains("Status:&nbsp;RUNNING") || live.contains("Status:\u00a0RUNNING"), live);

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        live = liveView(b);
        assertTrue(live.contains("data-building=\"false\"") && live.contains("data-rounds=\"2\""), live);
        assertTrue(live.contains("Completed, ran for 16 sec") && live.contains("flare-sites"), live);
        assertTrue(!live.contains("FINISHED:COMPLETED"), "the status repeats no outcome: " + live);
        assertTrue(live.contains("accuracy 0.75, loss 0.4"), "the last metrics: " + live);
    }

    private String liveView(WorkflowRun b) throws Exception {
        return j.createWebClient()
                .goTo(b.getUrl() + FlareFixture.view(b).getUrl() + "live", "text/html")
                .getWebResponse()
                .getContentAsString();
    }

    /** Two builds following the captured run (22-job-monitor-jsonl): the job page shows duration and outcome trends. */
    @Test
    void theJobPageShowsTrendsFromTwoBuildsOn() throws Exception {
        flare.fake.replay("22-job-monitor-jsonl");
        WorkflowJob p = j.createProject(WorkflowJob.class, "trend");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' }", true));
        j.buildAndAssertSuccess(p);
        FlareTrendAction trend = p.getAction(FlareTrendAction.class);
        assertNotNull(trend);
        assertFalse(trend.getDuration().isTrendVisible(), "one build is no trend");

        j.buildAndAssertSuccess(p);

        assertTrue(trend.getDuration().isTrendVisible());
        assertFalse(trend.getMetrics().isTrendVisible(), "the captured run reported no metrics");
        JsonNode duration = MAPPER.readTree(trend.getDuration().getBuildTrendModel());
        assertEquals(List.of("#1", "#2"), strings(duration.get("domainAxisLabels")));
        assertEquals(List.of(1, 2), ints(duration.get("buildNumbers")));
        assertEquals(List.of(16.0, 16.0), doubles(duration.get("series").get(0).get("data")));
        JsonNode outcomes = MAPPER.readTree(trend.getOutcomes().getBuildTrendModel());
        assertEquals("completed", outcomes.get("series").get(0).get("name").asText());
        assertEquals(List.of(1.0, 1.0), doubles(outcomes.get("series").get(0).get("data")));
        assertEquals(List.of(0.0, 0.0), doubles(outcomes.get("series").get(1).get("data")));
        assertEquals(List.of(0.0, 0.0), doubles(outcomes.get("series").get(2).get("data")));
        String page = j.createWebClient().getPage(p).getWebResponse().getContentAsString();
        assertTrue(
                page.contains("NVIDIA FLARE: job duration") && page.contains("NVIDIA FLARE: job outcomes"),
                "trends on the job page");

        WorkflowJob other = j.createProject(WorkflowJob.class, "no-flare");
        other.setDefinition(new CpsFlowDefinition("echo 'hi'", true));
        j.buildAndAssertSuccess(other);
        assertEquals(null, other.getAction(FlareTrendAction.class), "jobs without FLARE builds get no trend");
    }

    /**
     * The trends as a user reads them: success green and failure red (Jenkins' own palette), a failed build (its FLARE
     * job failed: 22-job-monitor-jsonl with a failed terminal event) on the outcome and duration trends, the duration
     * in seconds; and a later build that failed before any FLARE step does not hide the trends.
     */
    @Test
    void theTrendsShowFailedBuildsInTheResultColoursWithUnits() throws Exception {
        List<String> lines = new String(FakeNvflare.resource("22-job-monitor-jsonl.stdout"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        String terminal = lines.get(lines.size() - 1)
                .replace("\"status\": \"COMPLETED\"", "\"status\": \"FAILED\", \"error_code\": \"JOB_FAILED\"")
                .replace("FINISHED:COMPLETED", "FINISHED:EXECUTION_EXCEPTION");
        List<String> failed = new java.util.ArrayList<>(lines.subList(0, lines.size() - 1));
        failed.add(terminal);
        flare.fake
                .respond("monitor", Response.capture("22-job-monitor-jsonl"))
                .respond("monitor", Response.lines(failed, java.time.Duration.ZERO, 1));
        WorkflowJob p = j.createProject(WorkflowJob.class, "failures");
        p.setDefinition(new CpsFlowDefinition(
                "if (currentBuild.number == 3) { error 'no FLARE this time' }\n" + "node { flareWait jobId: '"
                        + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' }",
                true));
        j.buildAndAssertSuccess(p);
        j.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
        j.buildAndAssertStatus(hudson.model.Result.FAILURE, p);

        FlareTrendAction trend = p.getAction(FlareTrendAction.class);
        assertNotNull(trend, "the last build failed before FLARE; the trends stay");
        JsonNode outcomes = MAPPER.readTree(trend.getOutcomes().getBuildTrendModel());
        assertEquals(List.of(1, 2), ints(outcomes.get("buildNumbers")), "the failed build #2 is on the trend");
        JsonNode series = outcomes.get("series");
        assertEquals(
                List.of("completed", "failed or aborted", "not finished in the build"),
                List.of(
                        series.get(0).get("name").asText(),
                        series.get(1).get("name").asText(),
                        series.get(2).get("name").asText()));
        assertEquals("--green", series.get(0).get("itemStyle").get("color").asText());
        assertEquals("--red", series.get(1).get("itemStyle").get("color").asText());
        assertEquals(List.of(1.0, 0.0), doubles(series.get(0).get("data")));
        assertEquals(List.of(0.0, 1.0), doubles(series.get(1).get("data")));
        assertEquals(List.of(0.0, 0.0), doubles(series.get(2).get("data")));

        JsonNode duration = MAPPER.readTree(trend.getDuration().getBuildTrendModel());
        assertEquals(
                "duration (seconds)", duration.get("series").get(0).get("name").asText());
        assertEquals(
                "--blue",
                duration.get("series").get(0).get("itemStyle").get("color").asText());
        assertEquals(List.of(1, 2), ints(duration.get("buildNumbers")));
        String page = j.createWebClient().getPage(p).getWebResponse().getContentAsString();
        assertTrue(page.contains("NVIDIA FLARE: job duration (seconds)"), "the duration trend says its unit");
    }

    /**
     * The trends look at a bounded number of the newest builds (here 5), with or without FLARE jobs: builds with FLARE
     * jobs further back are not loaded, so a long history without FLARE costs a page view nothing.
     */
    @Test
    void theTrendsLookAtABoundedNumberOfBuilds() throws Exception {
        System.setProperty(FlareTrendAction.class.getName() + ".maxBuilds", "5");
        try {
            flare.fake.replay("22-job-monitor-jsonl");
            WorkflowJob p = j.createProject(WorkflowJob.class, "long-history");
            p.setDefinition(new CpsFlowDefinition(
                    "if (currentBuild.number in [1, 2, 7]) { node { flareWait jobId: '" + FlareFixture.JOB_ID
                            + "', credentialsId: 'flare-kit' } } else { echo 'no FLARE' }",
                    true));
            for (int i = 0; i < 7; i++) {
                j.buildAndAssertSuccess(p);
            }
            FlareTrendAction trend = p.getAction(FlareTrendAction.class);
            assertFalse(trend.getDuration().isTrendVisible(), "only build #7 is among the newest 5");
            JsonNode duration = MAPPER.readTree(trend.getDuration().getBuildTrendModel());
            assertEquals(List.of(7), ints(duration.get("buildNumbers")));

            System.setProperty(FlareTrendAction.class.getName() + ".maxBuilds", "7");
            assertEquals(
                    List.of(1, 2, 7),
                    ints(MAPPER.readTree(trend.getDuration().getBuildTrendModel())
                            .get("buildNumbers")));
        } finally {
            System.clearProperty(FlareTrendAction.class.getName() + ".maxBuilds");
        }
    }

    /** A poll line with the CLI's monitor metrics ({@code "metrics": {"round": …, "accuracy": …, "loss": …}}). */
    private static String withMetrics(String pollLines, int round, double accuracy, double loss) {
        String first = pollLines.lines().findFirst().orElseThrow();
        String withMetrics = first.substring(0, first.length() - 1) + ", \"metrics\": {\"round\": " + round
                + ", \"accuracy\": " + accuracy + ", \"loss\": " + loss + "}}";
        return pollLines.replace(first, withMetrics);
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static List<Double> doubles(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asDouble)
                .toList();
    }

    private static List<Integer> ints(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asInt)
                .toList();
    }
}
