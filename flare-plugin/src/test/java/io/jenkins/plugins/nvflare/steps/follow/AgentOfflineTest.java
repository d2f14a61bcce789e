package io.jenkins.plugins.nvflare.steps.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.remoting.RequestAbortedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A lost agent is reported once it stayed away a moment: a controller that shuts down closes its agents' connections
 * first and is gone by then, so its shutdown is not reported as an agent loss.
 */
class AgentOfflineTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);

    private String said() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOutageShorterThanTheGraceIsNotReportedNorItsEnd() {
        AgentOffline offline = new AgentOffline();
        assertTrue(offline.waitOn(log, "its connection closed", JOB, 1_000, 15, 10_000));
        assertTrue(offline.waitOn(log, "its connection closed", JOB, 5_000, 15, 10_000));
        offline.backOnline(log, JOB);
        assertEquals("", said());
    }

    @Test
    void aLongerOutageIsReportedOnceInWordsAndSoIsItsEnd() {
        AgentOffline offline = new AgentOffline();
        offline.waitOn(
                log,
                AgentOffline.why(new RequestAbortedException(new ClosedChannelException())),
                JOB,
                1_000,
                15,
                10_000);
        offline.waitOn(log, "its connection closed", JOB, 11_000, 15, 10_000);
        offline.waitOn(log, "its connection closed", JOB, 21_000, 15, 10_000);
        offline.backOnline(log, JOB);
        assertEquals(
                "[FLARE] Lost the agent (its connection closed); waiting up to 15 min for it to come back. FLARE job "
                        + JOB + " keeps running meanwhile.\n"
                        + "[FLARE] The agent is back online: following FLARE job " + JOB + " again.\n",
                said().replace(System.lineSeparator(), "\n"));
        assertFalse(said().contains("Exception"));
    }

    @Test
    void theWaitEndsAfterItsBound() {
        AgentOffline offline = new AgentOffline();
        assertTrue(offline.waitOn(log, "x", JOB, 1_000, 1, 10_000));
        assertFalse(offline.waitOn(log, "x", JOB, 1_000 + 61_000, 1, 10_000));
    }
}
