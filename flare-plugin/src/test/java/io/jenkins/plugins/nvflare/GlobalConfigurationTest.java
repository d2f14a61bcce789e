package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.EnvVars;
import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins › System › NVIDIA FLARE: the form, its saves, and configuration as code both ways. */
@WithJenkins
class GlobalConfigurationTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void theSectionIsNamedAndTheTransportCanBeLeftUnset() {
        FlareGlobalConfiguration config = FlareGlobalConfiguration.get();
        assertEquals("NVIDIA FLARE", config.getDisplayName());
        ListBoxModel items = config.doFillTransportItems();
        assertEquals(
                List.of("", "cli", "native"), items.stream().map(o -> o.value).toList());
        assertEquals("Not set (native: the agent needs only Java)", items.get(0).name);
    }

    /** Unset means native; a configuration (or JCasC) that chose cli keeps it, and a step's own choice wins. */
    @Test
    void stepsAreNativeUnlessTheConfigurationOrTheStepChoosesCli() throws Exception {
        FlareGlobalConfiguration config = FlareGlobalConfiguration.get();
        EnvVars env = new EnvVars();
        config.setTransport(null);
        assertEquals(
                FlareTransport.NATIVE, config.settings(null, null, null, env).transport());
        assertEquals(FlareTransport.CLI, config.settings("cli", null, null, env).transport());
        config.setTransport("cli");
        assertEquals(FlareTransport.CLI, config.settings(null, null, null, env).transport());
        assertEquals(
                FlareTransport.NATIVE,
                config.settings("native", null, null, env).transport());
    }

    @Test
    void aFormSubmitSavesOnce() throws Exception {
        FlareGlobalConfiguration config = FlareGlobalConfiguration.get();
        config.setExecutable("/opt/venv/bin/nvflare");
        config.setConnectTimeout(3.0);
        config.setTransport("native");
        config.setAgentReconnectTimeout(30);
        Saves saves = j.jenkins.getExtensionList(SaveableListener.class).get(Saves.class);
        saves.of.clear();

        j.configRoundtrip();

        assertEquals(1, saves.of.size(), "saves of the FLARE configuration: " + saves.of.size());
        assertEquals("/opt/venv/bin/nvflare", config.getExecutable());
        assertEquals(3.0, config.getConnectTimeout());
        assertEquals("native", config.getTransport());
        assertEquals(30, config.getAgentReconnectTimeout());
        assertEquals(30, config.agentReconnectMinutes());
        config.setAgentReconnectTimeout(null);
        assertEquals(FlareGlobalConfiguration.DEFAULT_AGENT_RECONNECT_MINUTES, config.agentReconnectMinutes());
    }

    /** Counts the saves of the FLARE configuration. */
    @TestExtension("aFormSubmitSavesOnce")
    public static final class Saves extends SaveableListener {
        final List<Saveable> of = new CopyOnWriteArrayList<>();

        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof FlareGlobalConfiguration) {
                of.add(o);
            }
        }
    }

    /**
     * JCasC reads a YAML decimal such as {@code 2.5} as nothing (its YAML loader only keeps strings, integers and
     * booleans), so a decimal timeout is written quoted, as JCasC's own export writes it; a whole number works as is.
     */
    @Test
    void configurationAsCodeExportsWhatItImports() throws Exception {
        Path yaml = tmp.resolve("jenkins.yaml");
        Files.writeString(yaml, "unclassified:\n  nvflare:\n    connectTimeout: 5\n");
        ConfigurationAsCode.get().configure(yaml.toString());
        assertEquals(5.0, FlareGlobalConfiguration.get().getConnectTimeout());

        Files.writeString(yaml, """
                unclassified:
                  nvflare:
                    agentReconnectTimeout: 45
                    connectTimeout: "2.5"
                    executable: "/opt/venv/bin/nvflare"
                    transport: "native"
                """);
        ConfigurationAsCode.get().configure(yaml.toString());
        FlareGlobalConfiguration config = FlareGlobalConfiguration.get();
        assertEquals("/opt/venv/bin/nvflare", config.getExecutable());
        assertEquals(2.5, config.getConnectTimeout());
        assertEquals("native", config.getTransport());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("nvflare"));
        assertEquals(45, config.getAgentReconnectTimeout());
        assertEquals("""
                agentReconnectTimeout: 45
                connectTimeout: "2.5"
                executable: "/opt/venv/bin/nvflare"
                transport: "native"
                """, exported);

        // The exported YAML configures a fresh setting the same way.
        config.setExecutable(null);
        config.setConnectTimeout(null);
        config.setTransport(null);
        config.setAgentReconnectTimeout(null);
        Files.writeString(yaml, "unclassified:\n  nvflare:\n" + exported.indent(4));
        ConfigurationAsCode.get().configure(yaml.toString());
        assertEquals("/opt/venv/bin/nvflare", config.getExecutable());
        assertEquals(2.5, config.getConnectTimeout());
        assertEquals("native", config.getTransport());
        assertEquals(45, config.getAgentReconnectTimeout());
    }
}
