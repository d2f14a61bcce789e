package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.agent.AgentContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlareSettingsTest {

    /** The build environment can hold secrets (withCredentials): no toString shows it. */
    @Test
    void toStringShowsNoEnvironment() {
        FlareSettings settings = new FlareSettings(
                FlareTransport.CLI,
                "/opt/venv/bin/nvflare",
                2.5,
                Map.of("AWS_SECRET_ACCESS_KEY", "s3cr3t-value", "PATH", "/usr/bin"));
        AgentContext context = new AgentContext(new byte[] {1, 2, 3}, "/tmp/ws@tmp", settings, null, true, true);
        for (String text : new String[] {settings.toString(), context.toString()}) {
            assertFalse(text.contains("s3cr3t-value"), text);
            assertFalse(text.contains("AWS_SECRET_ACCESS_KEY"), text);
            assertTrue(text.contains("/opt/venv/bin/nvflare") && text.contains("cli"), text);
        }
    }

    /** With no transport chosen anywhere, a call is native: the agent needs only Java. */
    @Test
    void theDefaultTransportIsNative() {
        FlareSettings settings = new FlareSettings(null, "nvflare", null, Map.of());
        assertEquals(FlareTransport.NATIVE, settings.transport());
        assertTrue(settings.keepsSessions());
    }
}
