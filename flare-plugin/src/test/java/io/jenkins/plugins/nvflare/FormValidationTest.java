package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.steps.FlareDownloadStep;
import io.jenkins.plugins.nvflare.steps.FlareLogLevelStep;
import io.jenkins.plugins.nvflare.steps.FlareLogsStep;
import io.jenkins.plugins.nvflare.steps.FlareSubmitStep;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import java.nio.file.Path;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The form checks (doCheck*) of the steps, builders and global configuration. */
@WithJenkins
class FormValidationTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    private static void ok(FormValidation v) {
        assertEquals(FormValidation.Kind.OK, v.kind, v::renderHtml);
    }

    private static void error(FormValidation v) {
        assertEquals(FormValidation.Kind.ERROR, v.kind, v::renderHtml);
    }

    @Test
    void waitOptions() {
        FlareWaitStep.DescriptorImpl wait = j.jenkins.getDescriptorByType(FlareWaitStep.DescriptorImpl.class);
        error(wait.doCheckJobId(""));
        ok(wait.doCheckJobId("e44ccf11-a162-442d-b1b6-cb6d849f89eb"));
        ok(wait.doCheckTimeout(""));
        ok(wait.doCheckTimeout("0"));
        error(wait.doCheckTimeout("-1"));
        error(wait.doCheckTimeout("ten"));
        ok(wait.doCheckInterval(""));
        ok(wait.doCheckInterval("1"));
        error(wait.doCheckInterval("0"));
        error(wait.doCheckInterval("00"));
        error(wait.doCheckInterval("1.5"));
        ok(wait.doCheckConnectTimeout(""));
        ok(wait.doCheckConnectTimeout("2.5"));
        error(wait.doCheckConnectTimeout("0"));
        error(wait.doCheckConnectTimeout("soon"));
    }

    @Test
    void submitOptions() {
        FlareSubmitStep.DescriptorImpl submit = j.jenkins.getDescriptorByType(FlareSubmitStep.DescriptorImpl.class);
        error(submit.doCheckJobFolder(" ", ""));
        ok(submit.doCheckJobFolder("jobs/hello-numpy", null));
        ok(submit.doCheckJobFolder("", "jobs/hello/job.py"));
        error(submit.doCheckJobFolder("jobs/hello-numpy", "jobs/hello/job.py"));
        ok(submit.doCheckSubmitToken(""));
        ok(submit.doCheckSubmitToken("release-42"));
        ok(submit.doCheckSubmitToken("${BUILD_TAG}"));
        error(submit.doCheckSubmitToken("no spaces allowed"));
        error(submit.doCheckInterval("0"));

        FlareSubmitBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(FlareSubmitBuilder.DescriptorImpl.class);
        error(builder.doCheckJobFolder(""));
        error(builder.doCheckSubmitToken("no spaces allowed"));
        error(builder.doCheckTimeout("-5"));
        error(builder.doCheckInterval("0"));
        ok(builder.doCheckInterval("5"));
        error(builder.doCheckConnectTimeout("-1"));
    }

    @Test
    void logsOptions() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
        error(logs.doCheckJobId(""));
        ok(logs.doCheckTail("200"));
        error(logs.doCheckTail("-1"));
        ok(logs.doCheckMaxBytes("65536"));
        error(logs.doCheckMaxBytes("a lot"));
        FlareLogsBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
        error(builder.doCheckTail("-1"));
        error(builder.doCheckMaxBytes("-1"));
    }

    /** FLARE's own rule (log_utils.py validate_site_log_config, captures 177-181): names in any case, 0-50, modes. */
    @Test
    void logLevelOptions() {
        FlareLogLevelStep.DescriptorImpl d = new FlareLogLevelStep.DescriptorImpl();
        for (String level : new String[] {"DEBUG", "debug", "10", "0", "50", "concise", "reload", "${LEVEL}"}) {
            ok(d.doCheckLevel(level));
        }
        for (String level : new String[] {"LOUD", "51", "Concise"}) {
            assertEquals(FormValidation.Kind.WARNING, d.doCheckLevel(level).kind, level);
        }
        error(d.doCheckLevel(" "));
        error(d.doCheckJobId(""));
    }

    @Test
    void globalConnectTimeout() {
        ok(FlareGlobalConfiguration.get().doCheckConnectTimeout("5"));
        error(FlareGlobalConfiguration.get().doCheckConnectTimeout("0"));
    }

    @Test
    void credentialsMustBeAKitOrASecretFile() throws Exception {
        FlareFixture.create(tmp);
        FlareFixture.addCredentials(
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "token", "", Secret.fromString("s3cr3t")));
        FlareDownloadStep.DescriptorImpl download =
                j.jenkins.getDescriptorByType(FlareDownloadStep.DescriptorImpl.class);
        ok(download.doCheckCredentialsId(null, FlareFixture.KIT_ID));
        error(download.doCheckCredentialsId(null, ""));
        error(download.doCheckCredentialsId(null, "nope"));
        error(download.doCheckCredentialsId(null, "token"));
        assertEquals(FormValidation.Kind.WARNING, download.doCheckCredentialsId(null, "${KIT}").kind);
        FlareDownloadBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(FlareDownloadBuilder.DescriptorImpl.class);
        ok(builder.doCheckCredentialsId(null, FlareFixture.KIT_ID));
        error(builder.doCheckCredentialsId(null, "token"));
    }
}
