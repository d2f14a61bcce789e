package io.jenkins.plugins.nvflare.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsParameterValue;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who sees which kit credentials: the dropdown lists what the job's builds could use, only for users who
 * may configure the job, only on POST; a build resolves a credentials parameter itself (so a user's own kit
 * chosen at build time is found). Calls replay 53b-logs-server-tail5-json.
 */
@WithJenkins
class CredentialsAccessTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;
    private FreeStyleProject project;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE, CredentialsProvider.USE_OWN)
                .everywhere()
                .to("alice")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        User alice = User.getById("alice", true);
        try (ACLContext ignored = ACL.as2(alice.impersonate2())) {
            CredentialsProvider.lookupStores(alice)
                    .iterator()
                    .next()
                    .addCredentials(
                            Domain.global(),
                            new StartupKitCredentialsImpl(
                                    CredentialsScope.USER,
                                    "alice-kit",
                                    "alice's kit",
                                    "alice.zip",
                                    SecretBytes.fromRawBytes(flare.kitZip)));
        }
        project = j.createFreeStyleProject("p");
    }

    private ListBoxModel dropdownAs(String user) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return j.jenkins
                    .getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class)
                    .doFillCredentialsIdItems(project, "");
        }
    }

    private static List<String> values(ListBoxModel items) {
        return items.stream().map(o -> o.value).toList();
    }

    @Test
    void theDropdownListsWhatTheJobsBuildsCanUse() {
        // Without an authenticator builds run as SYSTEM: the system kit, not alice's own.
        assertTrue(values(dropdownAs("admin")).contains(FlareFixture.KIT_ID));
        assertFalse(values(dropdownAs("admin")).contains("alice-kit"));

        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .add(new MockQueueItemAuthenticator()
                        .authenticate("p", User.getById("alice", true).impersonate2()));
        assertTrue(
                values(dropdownAs("admin")).contains("alice-kit"),
                values(dropdownAs("admin")).toString());
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            FlareLogsBuilder.DescriptorImpl d = j.jenkins.getDescriptorByType(FlareLogsBuilder.DescriptorImpl.class);
            assertEquals("OK", d.doCheckCredentialsId(project, "alice-kit").kind.name());
        }
    }

    @Test
    void aUserWhoCannotConfigureTheJobSeesNoCredentials() {
        List<String> seen = values(dropdownAs("reader"));
        assertFalse(seen.contains(FlareFixture.KIT_ID), seen.toString());
        assertFalse(seen.contains("alice-kit"), seen.toString());
    }

    @Test
    void theDropdownAndItsCheckAnswerPostOnly() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("admin");
        wc.setThrowExceptionOnFailingStatusCode(false);
        for (String method : List.of("fillCredentialsIdItems", "checkCredentialsId?value=flare-kit")) {
            for (String describable : List.of(FlareLogsBuilder.class.getName(), FlareWaitStep.class.getName())) {
                URL url = new URL(j.getURL(), "job/p/descriptorByName/" + describable + "/" + method);
                Page post = wc.getPage(wc.addCrumb(new WebRequest(url, HttpMethod.POST)));
                assertEquals(200, post.getWebResponse().getStatusCode(), "POST " + url);
                // Stapler does not dispatch a GET to a @POST web method.
                Page get = wc.getPage(new WebRequest(url, HttpMethod.GET));
                assertEquals(404, get.getWebResponse().getStatusCode(), "GET " + url);
            }
        }
    }

    @Test
    void aCredentialsParameterIsResolvedByTheBuild() throws Exception {
        project.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition(
                "KIT", "the kit", FlareFixture.KIT_ID, StartupKitCredentialsImpl.class.getName(), false)));
        FlareLogsBuilder logs = new FlareLogsBuilder("${KIT}");
        logs.setJobId(FlareFixture.JOB_ID);
        project.getBuildersList().add(logs);
        flare.fake.replay("53b-logs-server-tail5-json");

        // alice picks her own kit when she starts the build (USE_OWN).
        FreeStyleBuild b = j.assertBuildStatusSuccess(project.scheduleBuild2(
                0,
                new Cause.UserIdCause("alice"),
                new ParametersAction(new CredentialsParameterValue("KIT", "alice-kit", "", false))));
        j.assertLogContains("===== server =====", b);
        assertEquals(1, flare.calls("logs").size());
    }
}
