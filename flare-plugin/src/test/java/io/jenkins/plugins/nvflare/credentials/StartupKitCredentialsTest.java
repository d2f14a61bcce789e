package io.jenkins.plugins.nvflare.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.sf.json.JSONObject;
import org.htmlunit.FormEncodingType;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.KeyDataPair;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The "NVFlare admin startup kit" credential, with kits built like the captured POC kit (90-admin-kit-layout.txt). */
@WithJenkins
class StartupKitCredentialsTest {

    @TempDir
    Path tmp;

    @Test
    void showsWhoTheKitIsAndWhenItExpires(JenkinsRule j) throws Exception {
        StartupKitCredentialsImpl c = new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL,
                "kit",
                "",
                "admin.zip",
                SecretBytes.fromRawBytes(TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 20)));
        String summary = c.getKitSummary();
        assertTrue(
                summary.startsWith(
                        "admin@nvidia.com (project_admin) -> http://localhost:8002, project example_project"),
                summary);
        assertTrue(summary.contains("certificate expires in 18 days"), summary);
    }

    @Test
    void refusesWhatIsNotAnAdminKit(JenkinsRule j) throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "server", 1, 365);
        Files.move(kit.resolve("startup/fed_admin.json"), kit.resolve("startup/fed_server.json"));
        byte[] serverKit = TestKits.zip(tmp, List.of(kit));
        InvalidStartupKitException e = assertThrows(
                InvalidStartupKitException.class,
                () -> new StartupKitCredentialsImpl(
                        CredentialsScope.GLOBAL, "kit", "", "server.zip", SecretBytes.fromRawBytes(serverKit)));
        assertTrue(e.getMessage().contains("server startup kit"), e.getMessage());
        assertThrows(
                InvalidStartupKitException.class,
                () -> new StartupKitCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "kit",
                        "",
                        "x.zip",
                        SecretBytes.fromRawBytes("junk".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void isListedInTheCredentialsDropdown(JenkinsRule j) throws Exception {
        FlareFixture.create(tmp);
        ListBoxModel items = new FlareWaitStep.DescriptorImpl().doFillCredentialsIdItems(null, null);
        assertTrue(items.stream().anyMatch(o -> o.value.equals(FlareFixture.KIT_ID)), items.toString());
    }

    @Test
    void configurationAsCode(JenkinsRule j) throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp);
        ConfigurationAsCode.get()
                .configure(
                        kitYaml("flare-admin-kit", "admin@nvidia.com.zip", zip).toString());
        StartupKitCredentials c = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StartupKitCredentials.class, j.jenkins, ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId("flare-admin-kit"));
        assertEquals("admin@nvidia.com.zip", c.getFileName());
        assertEquals("FLARE admin (example_project)", c.getDescription());
        assertArrayEquals(zip, c.getSecretBytes().getPlainData());
    }

    @Test
    void aBadKitInConfigurationAsCodeNamesTheCredential(JenkinsRule j) throws Exception {
        Path yaml = kitYaml("broken-kit", "broken.zip", "not a zip".getBytes(StandardCharsets.UTF_8));
        Exception e =
                assertThrows(Exception.class, () -> ConfigurationAsCode.get().configure(yaml.toString()));
        String messages = messages(e);
        assertTrue(messages.contains("Credential 'broken-kit': "), messages);
        assertTrue(messages.contains("KIT_INVALID") || messages.contains("zip"), messages);
    }

    /**
     * The credentials dialog posts the form with {@code Accept: application/json} (as the credentials plugin's
     * select.js does) and shows the answer's message: a refused kit is that message, not an error page.
     */
    @Test
    void aBadUploadIsTheFormsErrorMessage(JenkinsRule j) throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "not a zip");
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        for (boolean dialog : new boolean[] {true, false}) {
            // The crumb goes in the URL: a multipart body's parameters are not read for it.
            WebRequest post = new WebRequest(
                    wc.createCrumbedUrl("manage/credentials/store/system/domain/_/createCredentials"), HttpMethod.POST);
            post.setEncodingType(FormEncodingType.MULTIPART);
            String json = new JSONObject()
                    .element(
                            "credentials",
                            new JSONObject()
                                    .element("stapler-class", StartupKitCredentialsImpl.class.getName())
                                    .element("$class", StartupKitCredentialsImpl.class.getName())
                                    .element("scope", "GLOBAL")
                                    .element("id", "uploaded")
                                    .element("description", "")
                                    .element("file", "file0"))
                    .toString();
            post.setRequestParameters(new ArrayList<>(List.of(
                    new NameValuePair("json", json),
                    new KeyDataPair("file0", junk.toFile(), "junk.zip", "application/zip", StandardCharsets.UTF_8))));
            if (dialog) {
                post.setAdditionalHeader("Accept", "application/json");
            }
            Page page = wc.getPage(post);
            String body = page.getWebResponse().getContentAsString();
            if (dialog) {
                assertEquals(200, page.getWebResponse().getStatusCode(), body);
                JSONObject data = JSONObject.fromObject(body).getJSONObject("data");
                assertEquals("ERROR", data.getString("notificationType"));
                assertTrue(data.getString("message").startsWith("Credential 'uploaded': "), body);
            } else {
                assertEquals(400, page.getWebResponse().getStatusCode(), body);
                assertTrue(
                        body.contains("Credential &#039;uploaded&#039;: ") || body.contains("Credential 'uploaded': "),
                        body);
            }
        }
        assertTrue(CredentialsProvider.lookupCredentialsInItemGroup(
                        StartupKitCredentials.class, j.jenkins, ACL.SYSTEM2, List.of())
                .isEmpty());
    }

    /** A JCasC file with one kit credential (description "FLARE admin (example_project)"). */
    private Path kitYaml(String id, String fileName, byte[] zip) throws IOException {
        return Files.writeString(tmp.resolve("casc.yaml"), """
                credentials:
                  system:
                    domainCredentials:
                      - credentials:
                          - nvflareStartupKit:
                              scope: GLOBAL
                              id: %s
                              description: FLARE admin (example_project)
                              fileName: %s
                              secretBytes: "%s"
                """.formatted(
                        id, fileName, Base64.getEncoder().encodeToString(zip)));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
