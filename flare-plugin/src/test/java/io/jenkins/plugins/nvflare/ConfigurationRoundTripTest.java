package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.model.FreeStyleProject;
import hudson.tasks.Builder;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.steps.FlareAbortStep;
import io.jenkins.plugins.nvflare.steps.FlareCloneStep;
import io.jenkins.plugins.nvflare.steps.FlareDeleteStep;
import io.jenkins.plugins.nvflare.steps.FlareDownloadStep;
import io.jenkins.plugins.nvflare.steps.FlareListStep;
import io.jenkins.plugins.nvflare.steps.FlareLogLevelStep;
import io.jenkins.plugins.nvflare.steps.FlareLogsStep;
import io.jenkins.plugins.nvflare.steps.FlareStatsStep;
import io.jenkins.plugins.nvflare.steps.FlareStatusStep;
import io.jenkins.plugins.nvflare.steps.FlareSubmitStep;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Every step and builder survives its configuration form, and the snippet generator writes the expected call. */
@WithJenkins
class ConfigurationRoundTripTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    private <S extends Step> void roundTrip(S step, String snippet) throws Exception {
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        new SnippetizerTester(j).assertRoundTrip(step, snippet);
    }

    @Test
    void flareSubmit() throws Exception {
        FlareSubmitStep step = new FlareSubmitStep("jobs/hello-numpy", "kit");
        roundTrip(step, "flareSubmit credentialsId: 'kit', jobFolder: 'jobs/hello-numpy'");
        step.setStudy("cancer");
        step.setSubmitToken("release-1");
        step.setWait(true);
        step.setTimeout(3600);
        step.setInterval(5);
        step.setAbortOnInterrupt(false);
        step.setPropagate(false);
        step.setMetrics("val_auc");
        step.setNvflare("/opt/venv/bin/nvflare");
        step.setConnectTimeout(2.5);
        roundTrip(
                step,
                "flareSubmit abortOnInterrupt: false, connectTimeout: 2.5, credentialsId: 'kit', interval: 5, "
                        + "jobFolder: 'jobs/hello-numpy', metrics: 'val_auc', nvflare: '/opt/venv/bin/nvflare', propagate: false, "
                        + "study: 'cancer', submitToken: 'release-1', timeout: 3600, wait: true");
    }

    /** A job script instead of a folder: jobFolder, a constructor parameter, is then left out. */
    @Test
    void flareSubmitOfAJobScript() throws Exception {
        FlareSubmitStep step = new FlareSubmitStep(null, "kit");
        step.setJobScript("jobs/hello/job.py");
        step.setScriptArgs("--num_rounds 5");
        step.setPython("/opt/venv/bin/python");
        roundTrip(
                step,
                "flareSubmit credentialsId: 'kit', jobScript: 'jobs/hello/job.py', python: '/opt/venv/bin/python', "
                        + "scriptArgs: '--num_rounds 5'");
    }

    /** The lifecycle steps: their forms and snippets keep every option. */
    @Test
    void lifecycleSteps() throws Exception {
        roundTrip(new FlareStatusStep("e44ccf11", "kit"), "flareStatus credentialsId: 'kit', jobId: 'e44ccf11'");
        FlareAbortStep abort = new FlareAbortStep("e44ccf11", "kit");
        abort.setStudy("cancer");
        roundTrip(abort, "flareAbort credentialsId: 'kit', jobId: 'e44ccf11', study: 'cancer'");
        FlareStatsStep stats = new FlareStatsStep("e44ccf11", "kit");
        stats.setSite("site-1");
        stats.setTransport("native");
        roundTrip(stats, "flareStats credentialsId: 'kit', jobId: 'e44ccf11', site: 'site-1', transport: 'native'");
        FlareListStep list = new FlareListStep("kit");
        // Named like every FLARE step, though credentialsId is its only required parameter (the snippet generator's
        // short form would be flareList 'kit', which still runs).
        roundTrip(list, "flareList credentialsId: 'kit'");
        list.setNamePrefix("hello");
        list.setIdPrefix("e44");
        list.setMax(5);
        roundTrip(list, "flareList credentialsId: 'kit', idPrefix: 'e44', max: 5, namePrefix: 'hello'");
        roundTrip(new FlareCloneStep("e44ccf11", "kit"), "flareClone credentialsId: 'kit', jobId: 'e44ccf11'");
        FlareDeleteStep delete = new FlareDeleteStep("e44ccf11", "kit");
        roundTrip(delete, "flareDelete credentialsId: 'kit', jobId: 'e44ccf11'");
        delete.setForce(true);
        roundTrip(delete, "flareDelete credentialsId: 'kit', force: true, jobId: 'e44ccf11'");
        FlareLogLevelStep level = new FlareLogLevelStep("e44ccf11", "DEBUG", "kit");
        roundTrip(level, "flareLogLevel credentialsId: 'kit', jobId: 'e44ccf11', level: 'DEBUG'");
        level.setSite("site-1");
        level.setStudy("cancer");
        roundTrip(
                level,
                "flareLogLevel credentialsId: 'kit', jobId: 'e44ccf11', level: 'DEBUG', site: 'site-1', study: 'cancer'");
    }

    @Test
    void flareWait() throws Exception {
        FlareWaitStep step = new FlareWaitStep("e44ccf11", "kit");
        roundTrip(step, "flareWait credentialsId: 'kit', jobId: 'e44ccf11'");
        step.setTimeout(60);
        step.setPropagate(false);
        roundTrip(step, "flareWait credentialsId: 'kit', jobId: 'e44ccf11', propagate: false, timeout: 60");
        step.setTransport("native");
        roundTrip(
                step,
                "flareWait credentialsId: 'kit', jobId: 'e44ccf11', propagate: false, timeout: 60, transport: 'native'");
    }

    @Test
    void flareLogs() throws Exception {
        FlareLogsStep step = new FlareLogsStep("e44ccf11", "kit");
        roundTrip(step, "flareLogs credentialsId: 'kit', jobId: 'e44ccf11'");
        step.setSite("all");
        step.setTail(200);
        step.setSince("2026-11-25T10:00:00");
        step.setMaxBytes(65536);
        step.setToConsole(false);
        step.setFile("flare.log");
        step.setTransport("cli");
        roundTrip(
                step,
                "flareLogs credentialsId: 'kit', file: 'flare.log', jobId: 'e44ccf11', maxBytes: 65536, "
                        + "since: '2026-11-25T10:00:00', site: 'all', tail: 200, toConsole: false, transport: 'cli'");
    }

    @Test
    void flareDownload() throws Exception {
        FlareDownloadStep step = new FlareDownloadStep("e44ccf11", "kit");
        roundTrip(step, "flareDownload credentialsId: 'kit', jobId: 'e44ccf11'");
        step.setOutputDir("results");
        step.setForce(true);
        step.setArchive(false);
        roundTrip(
                step,
                "flareDownload archive: false, credentialsId: 'kit', force: true, jobId: 'e44ccf11', outputDir: 'results'");
    }

    private <B extends Builder> void roundTrip(B builder) throws Exception {
        j.assertEqualDataBoundBeans(builder, roundTripped(builder));
    }

    private Builder roundTripped(Builder builder) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(builder);
        j.configRoundtrip(p);
        return p.getBuildersList().get(0);
    }

    @Test
    void builders() throws Exception {
        FlareSubmitBuilder submit = new FlareSubmitBuilder("jobs/hello-numpy", "kit");
        submit.setTimeout(600);
        submit.setWait(false);
        submit.setStudy("cancer");
        roundTrip(submit);
        FlareLogsBuilder logs = new FlareLogsBuilder("kit");
        logs.setSite("site-1");
        logs.setTail(100);
        roundTrip(logs);
        // A blank "Max bytes per site" stays unset: a 0 would empty every log.
        assertNull(((FlareLogsBuilder) roundTripped(logs)).getMaxBytes());
        FlareDownloadBuilder download = new FlareDownloadBuilder("kit");
        download.setOutputDir("out");
        download.setForce(true);
        roundTrip(download);
        assertEquals(FlareLogsBuilder.DEFAULT_JOB_ID, download.getJobId());
    }

    @Test
    void buildersWithEveryOption() throws Exception {
        FlareSubmitBuilder submit = new FlareSubmitBuilder("jobs/hello-numpy", "kit");
        submit.setStudy("cancer");
        submit.setSubmitToken("release-1");
        submit.setTimeout(3600);
        submit.setInterval(5);
        submit.setAbortOnInterrupt(false);
        submit.setPropagate(false);
        submit.setMetrics("val_auc");
        submit.setNvflare("/opt/venv/bin/nvflare");
        submit.setConnectTimeout(2.5);
        roundTrip(submit);
        FlareLogsBuilder logs = new FlareLogsBuilder("kit");
        logs.setJobId("e44ccf11");
        logs.setSince("2026-11-25T10:00:00");
        logs.setMaxBytes(65536);
        logs.setToConsole(false);
        logs.setFile("flare.log");
        logs.setNvflare("/opt/venv/bin/nvflare");
        roundTrip(logs);
        FlareDownloadBuilder download = new FlareDownloadBuilder("kit");
        download.setJobId("e44ccf11");
        download.setArchive(false);
        download.setStudy("cancer");
        download.setConnectTimeout(1.0);
        download.setTransport("native");
        roundTrip(download);
        logs.setTransport("cli");
        roundTrip(logs);
    }
}
