package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner itself: argv, envelope parsing, broken output, missing executable, deadline, interrupt. */
class NvflareCliTest {

    private static final List<String> META = List.of("job", "meta", "e44ccf11-a162-442d-b1b6-cb6d849f89eb");

    @TempDir
    Path tmp;

    private FakeNvflare fake;
    private CliConfig config;

    @BeforeEach
    void setUp() throws IOException {
        fake = FakeNvflare.install(tmp.resolve("bin"));
        config = CliConfig.defaults().withExecutable(fake.executable().toString());
    }

    @Test
    void okEnvelopeReturnsData() throws Exception {
        // Replays 26-job-meta.
        fake.replay("26-job-meta");
        JsonNode data = new NvflareCli(config).run(META, Duration.ofSeconds(20));
        assertEquals("FINISHED:COMPLETED", data.get("status").asText());
        assertEquals(
                List.of("job", "meta", "e44ccf11-a162-442d-b1b6-cb6d849f89eb", "--format", "json"), fake.lastCall());
    }

    @Test
    void connectTimeoutEnvironmentAndWorkingDirectoryReachTheProcess() throws Exception {
        // Replays 105-down-meta-connect-timeout-1: --connect-timeout is a global option placed before "job".
        fake.replay("105-down-meta-connect-timeout-1");
        Path work = tmp.resolve("work");
        java.nio.file.Files.createDirectories(work);
        CliConfig custom = config.withConnectTimeoutSeconds(1.0)
                .withEnvironment(Map.of("FLARE_TEST_MARKER", "m-42"))
                .withWorkingDirectory(work);
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(custom).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(e.getMessage().contains("cannot connect to server for 1.0 seconds"), e.getMessage());
        assertEquals("Check server status with 'nvflare system status'.", e.hint());
        assertEquals(
                List.of(
                        "--connect-timeout",
                        "1",
                        "job",
                        "meta",
                        "e44ccf11-a162-442d-b1b6-cb6d849f89eb",
                        "--format",
                        "json"),
                fake.lastCall());
        assertEquals(work.toRealPath().toString(), fake.workingDirectory(0));
        assertTrue(fake.environment(0).contains("FLARE_TEST_MARKER=m-42"));
        // Python must not block-buffer a piped stdout, or monitor events would arrive late.
        assertTrue(fake.environment(0).contains("PYTHONUNBUFFERED=1"));
    }

    /**
     * Calls made at once (parallel branches polling the same fake) each get the next scripted response, once: 32
     * copies of 26-job-meta, each with its own status, come back as 32 different statuses.
     */
    @Test
    void callsAtOnceEachGetTheirOwnResponse() throws Exception {
        String meta = new String(FakeNvflare.resource("26-job-meta.stdout"), java.nio.charset.StandardCharsets.UTF_8);
        int calls = 32;
        for (int i = 0; i < calls; i++) {
            fake.respond("meta", Response.of(meta.replace("FINISHED:COMPLETED", "STATUS-" + i), "", 0));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            List<java.util.concurrent.Future<String>> statuses = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                statuses.add(pool.submit(() -> new NvflareCli(config)
                        .run(META, Duration.ofSeconds(30))
                        .get("status")
                        .asText()));
            }
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (java.util.concurrent.Future<String> status : statuses) {
                seen.add(status.get());
            }
            assertEquals(calls, seen.size(), seen.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configToStringHidesEnvironmentValues() {
        String text = config.withEnvironment(Map.of("HTTPS_PROXY", "http://user:s3cret@proxy"))
                .toString();
        assertTrue(text.contains("HTTPS_PROXY"), text);
        assertFalse(text.contains("s3cret"), text);
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() throws Exception {
        fake.replay("26-job-meta");
        String nasty = "a b;$(touch " + tmp.resolve("pwned") + ")'\"*";
        new NvflareCli(config).run(List.of("job", "meta", nasty), Duration.ofSeconds(20));
        assertEquals(List.of("job", "meta", nasty, "--format", "json"), fake.lastCall());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("pwned")));
    }

    @Test
    void errorEnvelopeCarriesCodeHintExitCodeAndData() {
        // Replays 32-submit-token-t1-different-content (exit 4, data.existing_job_id).
        fake.replay("32-submit-token-t1-different-content");
        FlareException e = assertThrows(
                FlareException.class,
                () -> new NvflareCli(config).run(List.of("job", "submit", "-j", "x"), Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.SUBMIT_TOKEN_CONFLICT, e.errorCode());
        assertEquals(4, e.exitCode());
        assertEquals("Use a new submit token when submitting different job content.", e.hint());
        assertEquals("8c289762-3e13-4b47-bad3-e439ba1e94cf", e.data().get("existing_job_id"));
    }

    @Test
    void nonJsonStdoutIsInvalidAndQuotesStderrTail() {
        // Replays the stdout of 50-abort-long2-txt (txt mode output where JSON was expected).
        fake.respond(
                "abort",
                new Response(
                        FakeNvflare.resource("50-abort-long2-txt.stdout"),
                        "warning: something odd\n".getBytes(),
                        0,
                        null,
                        null,
                        null,
                        null,
                        false));
        FlareException e = assertThrows(
                FlareException.class,
                () -> new NvflareCli(config).run(List.of("job", "abort", "x"), Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("not the JSON contract"), e.getMessage());
        assertTrue(e.getMessage().contains("Connecting to FLARE ..."), e.getMessage());
        assertTrue(e.getMessage().contains("warning: something odd"), e.getMessage());
    }

    @Test
    void emptyStdoutIsInvalid() {
        fake.respond("meta", Response.of("", "", 0));
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(config).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("printed nothing (exit code 0)"), e.getMessage());
    }

    @Test
    void crashReportsExitCodeAndBoundedStderrTail() {
        StringBuilder stderr = new StringBuilder("Traceback (most recent call last):\n");
        for (int i = 0; i < 200; i++) {
            stderr.append("  File \"/usr/lib/python3/site-packages/nvflare/x.py\", line ")
                    .append(i)
                    .append('\n');
        }
        stderr.append("ModuleNotFoundError: No module named 'nvflare.fuel'\n");
        fake.respond("meta", Response.of("", stderr.toString(), 1));
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(config).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("ModuleNotFoundError: No module named 'nvflare.fuel'"), e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), "only the tail of stderr is kept");
        String tail = (String) e.data().get("stderr_tail");
        assertTrue(tail.lines().count() <= StderrTail.MAX_LINES, tail);
    }

    @Test
    void unknownSchemaVersionIsInvalid() {
        fake.respond(
                "meta",
                Response.of("{\"schema_version\": \"2\", \"status\": \"ok\", \"exit_code\": 0, \"data\": {}}", "", 0));
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(config).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("schema_version '2'"), e.getMessage());
    }

    @Test
    void twoEnvelopesAreInvalid() {
        String once = new String(FakeNvflare.resource("26-job-meta.stdout"));
        fake.respond("meta", Response.of(once + once, "", 0));
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(config).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
    }

    @Test
    void missingExecutableIsCliNotFound() {
        CliConfig missing = config.withExecutable(tmp.resolve("no-such-nvflare").toString());
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(missing).run(META, Duration.ofSeconds(20)));
        assertEquals(ErrorCodes.CLI_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("no-such-nvflare"), e.getMessage());
        assertTrue(e.hint().contains("PATH"), e.hint());
    }

    @Test
    void hangingProcessIsKilledAtTheDeadlineWithItsChildren() throws Exception {
        fake.respond("meta", Response.of("", "connecting...\n", 0).thenHang());
        long start = System.nanoTime();
        FlareException e =
                assertThrows(FlareException.class, () -> new NvflareCli(config).run(META, Duration.ofMillis(700)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCodes.CLI_DEADLINE_EXCEEDED, e.errorCode());
        assertTrue(e.getMessage().contains("connecting..."), e.getMessage());
        assertTrue(tookMs < 5000, "took " + tookMs + " ms");
        assertProcessesGone(0);
    }

    @Test
    void interruptKillsTheChildPromptly() throws Exception {
        fake.respond("meta", Response.of("", "", 0).thenHang());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                new NvflareCli(config).run(META, Duration.ofMinutes(5));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        waitForChildren(0);
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(5000);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(caller.isAlive());
        assertTrue(tookMs < 2000, "took " + tookMs + " ms");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertProcessesGone(0);
    }

    @Test
    void commandNameLeavesOutIdsAndPaths() {
        assertEquals("nvflare job meta", NvflareCli.commandName(META));
        assertEquals("nvflare job list", NvflareCli.commandName(List.of("job", "list", "--startup-kit", "/k")));
    }

    /** Waits until the fake of call {@code i} has started its sleeping child. */
    void waitForChildren(int i) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (fake.childPids(i).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(fake.childPids(i).isEmpty(), "the fake never started its child");
    }

    void assertProcessesGone(int i) throws InterruptedException {
        List<Long> pids = new ArrayList<>(fake.childPids(i));
        pids.add(fake.pid(i));
        for (long pid : pids) {
            long until = System.nanoTime() + 2_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertFalse(
                    ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still alive");
        }
    }
}
