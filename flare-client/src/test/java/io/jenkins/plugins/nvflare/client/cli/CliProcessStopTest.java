package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Term;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an {@code nvflare} process ends when the build is aborted: SIGTERM first, SIGKILL only for a process that
 * outlives the grace period, and its private temporary folder (where {@code job submit} copies the job) removed
 * whatever way it ended.
 */
class CliProcessStopTest {

    private static final List<String> SUBMIT = List.of("job", "submit", "-j", "/jobs/hello");

    @TempDir
    Path tmp;

    private FakeNvflare fake;
    private CliConfig config;
    private Path agentTemp;

    @BeforeEach
    void setUp() throws IOException {
        fake = FakeNvflare.install(tmp.resolve("bin"));
        agentTemp = Files.createDirectories(tmp.resolve("agent-tmp"));
        // TMPDIR of the configured environment is where the private folders are made: the test can see them all
        config = CliConfig.defaults()
                .withExecutable(fake.executable().toString())
                .withEnvironment(Map.of("TMPDIR", agentTemp.toString()));
    }

    @Test
    void interruptSendsSigtermAndRemovesTheJobCopyTheProcessLeft() throws Exception {
        fake.onTerm(Term.EXIT)
                .copyJobToTemp()
                .respond("submit", Response.of("", "", 0).thenHang());
        Throwable thrown = interruptWhileRunning();

        assertTrue(thrown instanceof InterruptedException, String.valueOf(thrown));
        assertTrue(fake.terminated(0), "nvflare never got SIGTERM");
        Path copy = fake.tempCopy(0).orElseThrow();
        Path privateTemp = privateTemp(0);
        assertEquals(privateTemp, copy.getParent(), "the job copy is not in the private temporary folder");
        assertFalse(Files.exists(privateTemp), "the private temporary folder is left: " + privateTemp);
        assertEquals(List.of(), listing(agentTemp));
    }

    @Test
    void processThatIgnoresSigtermIsKilledAfterTheGraceAndItsFolderRemoved() throws Exception {
        fake.onTerm(Term.IGNORE)
                .copyJobToTemp()
                .respond("submit", Response.of("", "", 0).thenHang());
        CliProcess process = CliProcess.start(argv(), config, "nvflare job submit", Duration.ofMillis(300));
        waitForChildren();

        process.close();

        assertTrue(fake.terminated(0), "nvflare never got SIGTERM");
        assertFalse(ProcessHandle.of(fake.pid(0)).map(ProcessHandle::isAlive).orElse(false), "nvflare still runs");
        assertFalse(Files.exists(privateTemp(0)));
        assertEquals(List.of(), listing(agentTemp));
    }

    @Test
    void eachRunGetsItsOwnTemporaryFolderRemovedAfterANormalExit() throws Exception {
        fake.copyJobToTemp().respond("submit", Response.capture("112-tcp-submit"));
        NvflareCli cli = new NvflareCli(config);
        cli.run(SUBMIT, Duration.ofSeconds(20));
        cli.run(SUBMIT, Duration.ofSeconds(20));

        Path first = privateTemp(0);
        Path second = privateTemp(1);
        assertNotEquals(first, second);
        for (int i = 0; i < 2; i++) {
            List<String> env = fake.environment(i);
            Path dir = privateTemp(i);
            assertEquals(agentTemp, dir.getParent());
            assertTrue(dir.getFileName().toString().startsWith(PrivateTempDir.PREFIX), dir.toString());
            assertTrue(env.contains("TEMP=" + dir) && env.contains("TMP=" + dir), env.toString());
            assertEquals(dir, fake.tempCopy(i).orElseThrow().getParent());
        }
        assertEquals(List.of(), listing(agentTemp));
    }

    @Test
    void temporaryFolderThatCannotBeCreatedFailsBeforeNvflareRuns() {
        fake.respond("submit", Response.of("", "", 0));
        CliConfig broken =
                config.withEnvironment(Map.of("TMPDIR", tmp.resolve("missing").toString()));
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(broken).run(SUBMIT, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.OUTPUT_DIR_NOT_WRITABLE, e.errorCode());
        assertEquals(ExitCodes.LOCAL, e.exitCode());
        assertTrue(e.getMessage().contains(tmp.resolve("missing").toString()), e.getMessage());
        assertTrue(fake.calls().isEmpty());
    }

    private List<String> argv() {
        return List.of(fake.executable().toString(), "job", "submit", "-j", "/jobs/hello");
    }

    private Throwable interruptWhileRunning() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                new NvflareCli(config).run(SUBMIT, Duration.ofMinutes(5));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        waitForChildren();
        caller.interrupt();
        caller.join(30_000);
        assertFalse(caller.isAlive(), "the call did not end");
        return thrown.get();
    }

    private Path privateTemp(int call) {
        String line = fake.environment(call).stream()
                .filter(l -> l.startsWith("TMPDIR="))
                .findFirst()
                .orElseThrow();
        return Path.of(line.substring("TMPDIR=".length()));
    }

    private void waitForChildren() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (fake.childPids(0).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(fake.childPids(0).isEmpty(), "the fake never started its child");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
