package io.jenkins.plugins.nvflare.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.FormEncodingType;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlTextInput;
import org.htmlunit.util.KeyDataPair;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The "NVIDIA FLARE admin startup kit" credential, with kits built like the captured POC kit (90-admin-kit-layout.txt). */
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
                        "admin@nvidia.com (project_admin) \u2192 http://localhost:8002, project example_project;"
                                + " certificate expires in 18 days, on "),
                summary);
        assertEquals(summary, CredentialsNameProvider.name(c));
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

    /** The "Add Credentials" dialog: the kind's name and the line under it. */
    @Test
    void theAddCredentialsDialogDescribesTheKind(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage dialog = wc.goTo("manage/credentials/store/system/domain/_/dialog");
        String text = dialog.asNormalizedText();
        assertTrue(
                text.contains(
                        "NVIDIA FLARE admin startup kit\nThe admin startup kit NVIDIA FLARE provisioned for a user,"
                                + " as a zip: FLARE steps log in to the FLARE server with it."),
                text);
    }

    /**
     * The credentials list and the credential's page name whose kit it is, the server, the project and the
     * certificate's expiry; the user's description stays apart.
     */
    @Test
    void theListAndTheCredentialsPageNameTheKit(JenkinsRule j) throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 365);
        FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, "flare-admin-kit", "Team A", "admin.zip", SecretBytes.fromRawBytes(zip)));
        String name = "admin@nvidia.com (project_admin) \u2192 http://localhost:8002, project example_project;"
                + " certificate valid until " + expiryDate(zip);
        JenkinsRule.WebClient wc = j.createWebClient();
        assertEquals(List.of("flare-admin-kit: " + name + " | Team A"), listed(wc));
        String page = credentialPage(wc, "flare-admin-kit");
        assertTrue(page.contains(name + " (Team A)"), page);
        assertFalse(page.contains("BEGIN"), page); // no key material, no certificate
        String update = updateDialog(wc, "flare-admin-kit");
        assertTrue(update.contains("admin.zip: " + name), update);
        assertFalse(update.contains("Ask the FLARE project admin"), update);
    }

    @Test
    void aKitExpiringWithin30DaysWarnsOnItsPage(JenkinsRule j) throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 20);
        FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, "soon", "", "admin.zip", SecretBytes.fromRawBytes(zip)));
        String name = "admin@nvidia.com (project_admin) \u2192 http://localhost:8002, project example_project;"
                + " certificate expires in 18 days, on " + expiryDate(zip);
        JenkinsRule.WebClient wc = j.createWebClient();
        assertEquals(List.of("soon: " + name + " | "), listed(wc));
        String page = credentialPage(wc, "soon");
        assertTrue(page.contains(name), page);
        String update = updateDialog(wc, "soon");
        assertTrue(
                update.contains("The admin certificate of admin@nvidia.com expires in 18 days, on " + expiry(zip)
                        + ". Ask the FLARE project admin for a new admin startup kit and update the credential."),
                update);
    }

    @Test
    void anExpiredKitWarnsOnItsPage(JenkinsRule j) throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "old@nvidia.com", 10, 5);
        FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, "old", "", "old.zip", SecretBytes.fromRawBytes(zip)));
        String name = "old@nvidia.com (project_admin) \u2192 http://localhost:8002, project example_project;"
                + " certificate EXPIRED on " + expiryDate(zip);
        JenkinsRule.WebClient wc = j.createWebClient();
        assertEquals(List.of("old: " + name + " | "), listed(wc));
        String page = credentialPage(wc, "old");
        assertTrue(page.contains(name), page);
        String update = updateDialog(wc, "old");
        assertTrue(
                update.contains("The admin certificate of old@nvidia.com expired on " + expiry(zip)
                        + ": the FLARE server refuses it. Ask the FLARE project admin for a new admin startup kit and"
                        + " update the credential."),
                update);
    }

    /**
     * A zip chosen in the credentials form is checked at once, before the form is sent (kitCheck.js posts it): why it is
     * no admin kit, or what the credential will say about it and a warning when its certificate expires soon.
     */
    @Test
    void aChosenZipIsCheckedWhileTheFormIsOpen(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        String form = wc.goTo("manage/credentials/store/system/domain/_/dialog2?kind="
                        + StartupKitCredentialsImpl.class.getName())
                .getWebResponse()
                .getContentAsString();
        assertTrue(form.contains("class=\"jenkins-file-upload nvflare-kit-upload\""), form);
        assertTrue(
                form.contains("data-check-url=\"/jenkins/descriptorByName/" + StartupKitCredentialsImpl.class.getName()
                        + "/checkKit\""),
                form);
        assertTrue(form.contains("StartupKitCredentialsImpl/kitCheck.js"), form);

        String junk = checkKit(wc, "not a zip".getBytes(StandardCharsets.UTF_8));
        assertTrue(junk.startsWith("<div class=error>") || junk.startsWith("<div class=\"error\">"), junk);
        assertTrue(junk.contains("Store the admin kit folder"), junk);
        Path server = TestKits.writeAdminKit(Files.createTempDirectory(tmp, "server"), "server", 1, 365);
        Files.move(server.resolve("startup/fed_admin.json"), server.resolve("startup/fed_server.json"));
        assertTrue(checkKit(wc, TestKits.zipKit(server)).contains("server startup kit"));

        byte[] valid = TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 365);
        String ok = checkKit(wc, valid);
        assertTrue(ok.contains("ok"), ok);
        assertTrue(
                ok.contains("admin@nvidia.com (project_admin) \u2192 http://localhost:8002, project example_project;"
                        + " certificate valid until " + expiryDate(valid)),
                ok);
        byte[] soon = TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 20);
        String warning = checkKit(wc, soon);
        assertTrue(warning.contains("warning"), warning);
        assertTrue(
                warning.contains("certificate expires in 18 days, on " + expiryDate(soon) + "<br>The admin"
                        + " certificate of admin@nvidia.com expires in 18 days, on " + expiry(soon) + "."),
                warning);
        assertFalse(warning.contains("BEGIN"), warning);
    }

    /**
     * In the "Add Credentials" dialog itself (its own JavaScript, as a browser runs it): choosing a file that is no
     * admin kit shows why under the field, and the dialog stays open with what the user typed.
     */
    @Test
    void theDialogShowsWhyAChosenFileIsNoKit(JenkinsRule j) throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "not a zip");
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnScriptError(false);
        HtmlPage page = wc.goTo("manage/credentials/store/system/domain/_/");
        ((HtmlElement) page.querySelector("[data-type='credentials-add-store-item']")).click();
        wc.waitForBackgroundJavaScript(5_000);
        HtmlRadioButtonInput kind =
                page.querySelector("input[type='radio'][value='" + StartupKitCredentialsImpl.class.getName() + "']");
        kind.click();
        ((HtmlElement) page.getElementById("cr-dialog-next")).click();
        wc.waitForBackgroundJavaScript(5_000);
        HtmlTextInput id = page.querySelector(".jenkins-dialog input[name='_.id']");
        id.type("my-kit");
        HtmlFileInput file = page.querySelector(".jenkins-dialog input.nvflare-kit-upload");
        file.setFiles(junk.toFile());
        file.fireEvent("change");
        wc.waitForBackgroundJavaScript(5_000);
        String verdict =
                page.querySelector(".jenkins-dialog .nvflare-kit-check").asNormalizedText();
        assertTrue(verdict.contains("Store the admin kit folder"), verdict);
        assertEquals("my-kit", id.getValue());
    }

    /** Only who may add or update credentials gets a verdict; the check is a POST. */
    @Test
    void theKitCheckAnswersOnlyWhoMayAddCredentials(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(
                new MockAuthorizationStrategy().grant(Jenkins.READ).everywhere().to("reader"));
        JenkinsRule.WebClient wc = j.createWebClient().login("reader");
        assertEquals("<div/>", checkKit(wc, "not a zip".getBytes(StandardCharsets.UTF_8)));
        wc.setThrowExceptionOnFailingStatusCode(false);
        Page get = wc.goTo("descriptorByName/" + StartupKitCredentialsImpl.class.getName() + "/checkKit", null);
        assertEquals(404, get.getWebResponse().getStatusCode()); // Stapler offers the check to POST only
    }

    /** What the form's check answers for {@code zip}, as kitCheck.js sends it. */
    private static String checkKit(JenkinsRule.WebClient wc, byte[] zip) throws Exception {
        WebRequest post = new WebRequest(
                wc.createCrumbedUrl("descriptorByName/" + StartupKitCredentialsImpl.class.getName() + "/checkKit"),
                HttpMethod.POST);
        post.setAdditionalHeader("Content-Type", "application/octet-stream");
        post.setRequestBody(new String(zip, StandardCharsets.ISO_8859_1));
        post.setCharset(StandardCharsets.ISO_8859_1);
        return wc.getPage(post).getWebResponse().getContentAsString().strip();
    }

    /** The global domain's credentials list: per card "id: name | description", as the cards show them. */
    private static List<String> listed(JenkinsRule.WebClient wc) throws Exception {
        HtmlPage list = wc.goTo("manage/credentials/store/system/domain/_/");
        List<String> cards = new ArrayList<>();
        for (DomNode card : list.querySelectorAll(".credentials-card")) {
            DomNode id = card.querySelector(".credentials-card__title a");
            DomNode name = card.querySelector(".credentials-card__tags");
            DomNode details = card.querySelector(".credentials-card__details");
            cards.add(id.getTextContent().strip() + ": "
                    + (name == null ? "" : name.getTextContent().strip()) + " | "
                    + (details == null ? "" : details.getTextContent().strip()));
        }
        return cards;
    }

    /** The credential's own page, as text. */
    private static String credentialPage(JenkinsRule.WebClient wc, String id) throws Exception {
        return wc.goTo("manage/credentials/store/system/domain/_/credential/" + id + "/")
                .asNormalizedText();
    }

    /** The "Update" dialog's form (a fragment the page loads into its dialog), as text. */
    private static String updateDialog(JenkinsRule.WebClient wc, String id) throws Exception {
        wc.getOptions().setJavaScriptEnabled(false);
        try {
            return wc.goTo("manage/credentials/store/system/domain/_/credential/" + id + "/updateDialog")
                    .asNormalizedText();
        } finally {
            wc.getOptions().setJavaScriptEnabled(true);
        }
    }

    /** The kit's certificate expiry, as the warnings write it. */
    private Instant expiry(byte[] zip) throws Exception {
        return StartupKit.inspectZip(zip, tmp).certNotAfter();
    }

    /** The kit's certificate expiry date, as the credential's name writes it. */
    private String expiryDate(byte[] zip) throws Exception {
        return expiry(zip).atZone(ZoneOffset.UTC).toLocalDate().toString();
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
