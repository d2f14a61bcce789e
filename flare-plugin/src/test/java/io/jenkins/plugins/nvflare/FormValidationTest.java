package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
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
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
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
        error(wait.doCheckJobId(null, ""));
        ok(wait.doCheckJobId(null, "e44ccf11-a162-442d-b1b6-cb6d849f89eb"));
        ok(wait.doCheckTimeout(null, ""));
        ok(wait.doCheckTimeout(null, "0"));
        error(wait.doCheckTimeout(null, "-1"));
        error(wait.doCheckTimeout(null, "ten"));
        ok(wait.doCheckInterval(null, ""));
        ok(wait.doCheckInterval(null, "1"));
        error(wait.doCheckInterval(null, "0"));
        error(wait.doCheckInterval(null, "00"));
        error(wait.doCheckInterval(null, "1.5"));
        ok(wait.doCheckConnectTimeout(null, ""));
        ok(wait.doCheckConnectTimeout(null, "2.5"));
        error(wait.doCheckConnectTimeout(null, "0"));
        error(wait.doCheckConnectTimeout(null, "soon"));
    }

    @Test
    void submitOptions() {
        FlareSubmitStep.DescriptorImpl submit = j.jenkins.getDescriptorByType(FlareSubmitStep.DescriptorImpl.class);
        error(submit.doCheckJobFolder(null, " ", ""));
        ok(submit.doCheckJobFolder(null, "jobs/hello-numpy", null));
        ok(submit.doCheckJobFolder(null, "", "jobs/hello/job.py"));
        error(submit.doCheckJobFolder(null, "jobs/hello-numpy", "jobs/hello/job.py"));
        ok(submit.doCheckSubmitToken(null, ""));
        ok(submit.doCheckSubmitToken(null, "release-42"));
        ok(submit.doCheckSubmitToken(null, "${BUILD_TAG}"));
        error(submit.doCheckSubmitToken(null, "no spaces allowed"));
        error(submit.doCheckInterval(null, "0"));

        FlareSubmitBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(FlareSubmitBuilder.DescriptorImpl.class);
        error(builder.doCheckJobFolder(null, ""));
        error(builder.doCheckSubmitToken(null, "no spaces allowed"));
        error(builder.doCheckTimeout(null, "-5"));
        error(builder.doCheckInterval(null, "0"));
        ok(builder.doCheckInterval(null, "5"));
        error(builder.doCheckConnectTimeout(null, "-1"));
    }

    @Test
    void logsOptions() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
        error(logs.doCheckJobId(null, ""));
        ok(logs.doCheckTail(null, "200"));
        error(logs.doCheckTail(null, "-1"));
        ok(logs.doCheckMaxBytes(null, "65536"));
        error(logs.doCheckMaxBytes(null, "a lot"));
        FlareLogsBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
        error(builder.doCheckTail(null, "-1"));
        error(builder.doCheckMaxBytes(null, "-1"));
    }

    /** FLARE's own rule (log_utils.py validate_site_log_config, captures 177-181): names in any case, 0-50, modes. */
    @Test
    void logLevelOptions() {
        FlareLogLevelStep.DescriptorImpl d = new FlareLogLevelStep.DescriptorImpl();
        for (String level : new String[] {"DEBUG", "debug", "10", "0", "50", "concise", "reload", "${LEVEL}"}) {
            ok(d.doCheckLevel(null, level));
        }
        for (String level : new String[] {"LOUD", "51", "Concise"}) {
            assertEquals(FormValidation.Kind.WARNING, d.doCheckLevel(null, level).kind, level);
        }
        error(d.doCheckLevel(null, " "));
        error(d.doCheckJobId(null, ""));
    }

    @Test
    void globalConnectTimeout() {
        ok(FlareGlobalConfiguration.get().doCheckConnectTimeout(null, "5"));
        error(FlareGlobalConfiguration.get().doCheckConnectTimeout(null, "0"));
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

    /**
     * Every check is POST only and answers only those who may configure the job (or administrators, outside a job):
     * a reader gets no verdict, a GET (a link a user may be lured to) is refused.
     */
    @Test
    void checksArePostOnlyAndAnswerConfigurersOnly() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        String check = p.getUrl() + "descriptorByName/" + FlareWaitStep.class.getName() + "/checkInterval?value=0";

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        String verdict = admin.getPage(admin.addCrumb(new WebRequest(new URL(j.getURL(), check), HttpMethod.POST)))
                .getWebResponse()
                .getContentAsString();
        assertTrue(verdict.contains("error"), verdict);

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        String none = reader.getPage(reader.addCrumb(new WebRequest(new URL(j.getURL(), check), HttpMethod.POST)))
                .getWebResponse()
                .getContentAsString();
        assertFalse(none.contains("error"), none);

        // Stapler refuses another verb than a web method's @POST as if the method were not there
        admin.setThrowExceptionOnFailingStatusCode(false);
        for (String url : List.of(
                check, "descriptorByName/" + FlareGlobalConfiguration.get().getId() + "/checkConnectTimeout?value=0")) {
            Page get = admin.getPage(new WebRequest(new URL(j.getURL(), url), HttpMethod.GET));
            assertEquals(404, get.getWebResponse().getStatusCode(), url);
        }
    }
}
