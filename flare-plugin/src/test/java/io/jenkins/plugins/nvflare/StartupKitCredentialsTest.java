package io.jenkins.plugins.nvflare;

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
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
        StartupKitCredentialsImpl c = new StartupKitCredentialsImpl(CredentialsScope.GLOBAL, "kit", "", "admin.zip",
                SecretBytes.fromRawBytes(TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 20)));
        String summary = c.getKitSummary();
        assertTrue(summary.startsWith("admin@nvidia.com (project_admin) -> http://localhost:8002, project example_project"), summary);
        assertTrue(summary.contains("certificate expires in 18 days"), summary);
    }

    @Test
    void refusesWhatIsNotAnAdminKit(JenkinsRule j) throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "server", 1, 365);
        Files.move(kit.resolve("startup/fed_admin.json"), kit.resolve("startup/fed_server.json"));
        byte[] serverKit = TestKits.zip(tmp, List.of(kit));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, "kit", "", "server.zip", SecretBytes.fromRawBytes(serverKit)));
        assertTrue(e.getMessage().contains("server startup kit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, "kit", "", "x.zip", SecretBytes.fromRawBytes("junk".getBytes(StandardCharsets.UTF_8))));
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
        Path yaml = tmp.resolve("casc.yaml");
        Files.writeString(yaml, """
                credentials:
                  system:
                    domainCredentials:
                      - credentials:
                          - nvflareStartupKit:
                              scope: GLOBAL
                              id: flare-admin-kit
                              description: FLARE admin (example_project)
                              fileName: admin@nvidia.com.zip
                              secretBytes: "%s"
                """.formatted(Base64.getEncoder().encodeToString(zip)));
        ConfigurationAsCode.get().configure(yaml.toString());
        StartupKitCredentials c = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StartupKitCredentials.class, j.jenkins, ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId("flare-admin-kit"));
        assertEquals("admin@nvidia.com.zip", c.getFileName());
        assertEquals("FLARE admin (example_project)", c.getDescription());
        assertArrayEquals(zip, c.getSecretBytes().getPlainData());
    }
}
