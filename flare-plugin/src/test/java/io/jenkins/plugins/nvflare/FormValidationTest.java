package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.steps.FlareDownloadStep;
import io.jenkins.plugins.nvflare.steps.FlareLogLevelStep;
import io.jenkins.plugins.nvflare.steps.FlareLogsStep;
import io.jenkins.plugins.nvflare.steps.FlareStatsStep;
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

    /** What the form shows: the check's text (FormValidation holds it escaped as HTML). */
    private static void says(String text, FormValidation v) {
        assertEquals(Util.escape(text), v.getMessage());
    }

    private static void error(FormValidation v) {
        assertEquals(FormValidation.Kind.ERROR, v.kind, v::renderHtml);
    }

    @Test
    void waitOptions() {
        FlareWaitStep.DescriptorImpl wait = j.jenkins.getDescriptorByType(FlareWaitStep.DescriptorImpl.class);
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
        ok(submit.doCheckJobFolder(null, " ", "")); // no error before input: the step says it at run time
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
        error(builder.doCheckSubmitToken(null, "no spaces allowed"));
        error(builder.doCheckTimeout(null, "-5"));
        error(builder.doCheckInterval(null, "0"));
        ok(builder.doCheckInterval(null, "5"));
        error(builder.doCheckConnectTimeout(null, "-1"));
    }

    @Test
    void logsOptions() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
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
        ok(d.doCheckLevel(null, " ")); // no error before input: the step says it at run time
        error(d.doCheckSite(null, "site 1"));
        ok(d.doCheckSite(null, "site-1"));
    }

    /** What FLARE reads as {@code since} (job_cli.py _normalize_log_timestamp), on the step's and the builder's form. */
    @Test
    void sinceIsATimestampFlareReads() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
        FlareLogsBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
        for (String since :
                new String[] {"", "2026-11-25", "2026-11-25T10:00:00", "2026-11-25 10:00:00Z", "${SINCE}"}) {
            ok(logs.doCheckSince(null, since));
            ok(builder.doCheckSince(null, since));
        }
        FormValidation yesterday = logs.doCheckSince(null, "yesterday");
        error(yesterday);
        says(
                "FLARE reads since as an ISO date or time, e.g. 2026-11-25 or 2026-11-25T10:00:00 (Z or an offset such"
                        + " as +02:00 for a time zone other than UTC).",
                yesterday);
        error(builder.doCheckSince(null, "25.11.2026"));
    }

    /** Sites: server, all or a name FLARE's provisioning allows (letters, digits, - and _). */
    @Test
    void siteNamesAreNamesFlareAllows() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
        FlareLogsBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
        FlareStatsStep.DescriptorImpl stats = j.jenkins.getDescriptorByType(FlareStatsStep.DescriptorImpl.class);
        for (String site : new String[] {"", "server", "all", "site-1", "hospital_a", "${SITE}"}) {
            ok(logs.doCheckSite(null, site));
            ok(builder.doCheckSite(null, site));
            ok(stats.doCheckSite(null, site));
        }
        FormValidation space = logs.doCheckSite(null, "site 1");
        error(space);
        says("A site is server, all or a site's name: letters, digits, - and _ only.", space);
        error(builder.doCheckSite(null, "site 1"));
        error(stats.doCheckSite(null, "site.1"));
    }

    /** Where a step writes: relative to the workspace and inside it, as the agent checks before writing. */
    @Test
    void pathsStayInTheWorkspace() {
        FlareLogsStep.DescriptorImpl logs = j.jenkins.getDescriptorByType(FlareLogsStep.DescriptorImpl.class);
        FlareLogsBuilder.DescriptorImpl logsBuilder =
                j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
        FlareDownloadStep.DescriptorImpl download =
                j.jenkins.getDescriptorByType(FlareDownloadStep.DescriptorImpl.class);
        FlareDownloadBuilder.DescriptorImpl downloadBuilder =
                j.jenkins.getDescriptorByType(FlareDownloadBuilder.DescriptorImpl.class);
        for (String path : new String[] {"", "flare.log", "logs/server.txt", "a/../b.txt", "${WORKSPACE_LOG}"}) {
            ok(logs.doCheckFile(null, path));
            ok(logsBuilder.doCheckFile(null, path));
            ok(download.doCheckOutputDir(null, path));
            ok(downloadBuilder.doCheckOutputDir(null, path));
        }
        FormValidation passwd = logs.doCheckFile(null, "../../etc/passwd");
        error(passwd);
        says("Log file '../../etc/passwd' leads out of the workspace.", passwd);
        error(logsBuilder.doCheckFile(null, "logs/../../x.txt"));
        FormValidation absolute = download.doCheckOutputDir(null, "/tmp/flare-results");
        error(absolute);
        says("Output folder '/tmp/flare-results' must be relative to the workspace.", absolute);
        error(downloadBuilder.doCheckOutputDir(null, "/var/lib/jenkins"));
        error(downloadBuilder.doCheckOutputDir(null, ".."));
    }

    /**
     * The executable is run as one file without arguments: a value with spaces is most likely a command line (a path
     * with spaces can be right, hence a warning), on the steps, the builders and the global configuration.
     */
    @Test
    void theExecutableIsOneFile() {
        FlareWaitStep.DescriptorImpl wait = j.jenkins.getDescriptorByType(FlareWaitStep.DescriptorImpl.class);
        FlareSubmitBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(FlareSubmitBuilder.DescriptorImpl.class);
        FlareGlobalConfiguration global = FlareGlobalConfiguration.get();
        for (String exe : new String[] {"", "nvflare", "/opt/venv/bin/nvflare", "${NVFLARE}"}) {
            ok(wait.doCheckNvflare(null, exe));
            ok(builder.doCheckNvflare(null, exe));
            ok(global.doCheckExecutable(null, exe));
        }
        for (String exe : new String[] {"python -m nvflare", "/opt/my venv/bin/nvflare"}) {
            FormValidation v = wait.doCheckNvflare(null, exe);
            assertEquals(FormValidation.Kind.WARNING, v.kind, exe);
            says(
                    "The executable is run as one file, without arguments: give the path of nvflare itself (a"
                            + " virtualenv's bin/nvflare, or set PATH with withEnv).",
                    v);
            assertEquals(FormValidation.Kind.WARNING, builder.doCheckNvflare(null, exe).kind, exe);
            assertEquals(FormValidation.Kind.WARNING, global.doCheckExecutable(null, exe).kind, exe);
        }
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
        ok(download.doCheckCredentialsId(null, "")); // no error before the user chose
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
