package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli transport with the CLIs of other FLARE releases, replaying their live captures (live-captures/README.md):
 * 2.7.2's, which has no JSON contract, and 2.8.1's, whose envelopes differ from main's in details.
 */
class CliVersionCompatibilityTest {
    private static final String JOB = "c26140bf-a457-4eb3-bf19-851163ff89d1";

    @TempDir
    Path tmp;

    private FakeNvflare fake;
    private CliFlareClient client;

    @BeforeEach
    void setUp() throws IOException {
        fake = FakeNvflare.install(tmp.resolve("bin"));
        client = new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), tmp.resolve("kit"));
    }

    /** 201-v272-meta ("invalid choice: 'meta'") and 200-v272-version: the error names both versions. */
    @Test
    void a272CliIsTooOldAndSaysWhichVersionIsNeeded() throws Exception {
        fake.replay("201-v272-meta").replay("200-v272-version");
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
        assertEquals(
                "The cli transport's commands (nvflare job meta, monitor, wait, ... with --format json and"
                        + " --startup-kit) need NVFlare 2.8.0 or later; the nvflare CLI at " + fake.executable()
                        + " is NVFlare 2.7.2.",
                e.getMessage());
        assertTrue(e.hint().contains("native transport"), e.hint());
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, ((FlareException) e.getCause()).errorCode());
        assertEquals(List.of("--version"), fake.lastCall());
    }

    /** 202-v272-submit (argparse's usage on stdout) and 203-v272-monitor (jsonl): the same error, asked once. */
    @Test
    void everyCommandOfA272CliGetsTheVersionErrorFromOneVersionCall() throws Exception {
        fake.replay("202-v272-submit").replay("203-v272-monitor").replay("200-v272-version");
        FlareException submit =
                assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(jobFolder(), null, null)));
        FlareException monitor =
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), e -> {}));
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, submit.errorCode());
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, monitor.errorCode());
        assertEquals(
                1,
                fake.calls().stream()
                        .filter(c -> c.equals(List.of("--version")))
                        .count());
    }

    /** Broken output from a 2.8.1 CLI (210-v281-version) stays the output error: the version is not the cause. */
    @Test
    void brokenOutputOfACurrentCliStaysAnOutputError() throws Exception {
        fake.respond("meta", FakeNvflare.Response.of("Traceback (most recent call last):\n", "", 1))
                .replay("210-v281-version");
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
    }

    /** 214-v281-meta: 2.8.1 writes start_time without 'T' or offset ("2026-12-07 22:43:59.579541"). */
    @Test
    void a281MetaWithANaiveStartTime() throws Exception {
        fake.replay("214-v281-meta");
        JobMeta meta = client.meta(JOB, null);
        assertEquals("FINISHED:COMPLETED", meta.status());
        assertEquals("2026-12-07 22:43:59.579541", meta.startTime());
        assertEquals("default", meta.study());
    }

    /** 212-v281-monitor-jsonl: the terminal event carries "metrics": {} and "stats_raw": {"server": {...}}. */
    @Test
    void a281MonitorToCompletion() throws Exception {
        fake.replay("212-v281-monitor-jsonl");
        List<MonitorEvent> events = new ArrayList<>();
        JobResult result = client.monitor(JOB, WaitOptions.defaults(null), events::add);
        assertEquals(JobOutcome.COMPLETED, result.outcome());
        assertEquals("FINISHED:COMPLETED", result.jobStatus());
        assertTrue(result.metrics().isEmpty());
        assertEquals("terminal", events.get(events.size() - 1).event());
        assertTrue(events.size() >= 2, events.toString());
    }

    /** 220-v281-bogus-flag: argparse's error envelope adds "event" and "terminal"; still INVALID_ARGS, exit 4. */
    @Test
    void a281ArgparseErrorEnvelope() {
        fake.replay("220-v281-bogus-flag");
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(4, e.exitCode());
        assertEquals("nvflare job: unrecognized arguments: --bogus-flag", e.getMessage());
    }

    /** 213-v281-wait, 219-v281-meta-unknown-id, 218-v281-stats-finished. */
    @Test
    void a281WaitAndErrors() throws Exception {
        fake.replay("213-v281-wait").replay("219-v281-meta-unknown-id").replay("218-v281-stats-finished");
        assertEquals(
                JobOutcome.COMPLETED,
                client.waitForJob(JOB, WaitOptions.defaults(null)).outcome());
        assertEquals(
                ErrorCodes.JOB_NOT_FOUND,
                assertThrows(FlareException.class, () -> client.meta("00000000-0000-0000-0000-000000000000", null))
                        .errorCode());
        assertEquals(
                ErrorCodes.JOB_NOT_RUNNING,
                assertThrows(FlareException.class, () -> client.stats(JOB, null, null))
                        .errorCode());
    }

    /** The other 2.8.1 envelopes: 211, 224 (submit), 215, 225 (list), 216 (logs), 221-223 (log-config, abort, clone). */
    @Test
    void the281EnvelopesOfTheOtherOperations() throws Exception {
        fake.replay("211-v281-submit")
                .replay("224-v281-submit-token")
                .replay("215-v281-list")
                .replay("225-v281-list-token")
                .replay("216-v281-logs-server-tail")
                .replay("221-v281-log-config-finished")
                .replay("222-v281-abort-finished")
                .replay("223-v281-clone");
        assertEquals(JOB, client.submit(new SubmitRequest(jobFolder(), null, null)));
        String tokenJob = client.submit(new SubmitRequest(jobFolder(), null, "v281-cap-1"));
        assertEquals(
                2,
                client.list(io.jenkins.plugins.nvflare.client.ListFilter.all(null))
                        .size());
        assertEquals(
                tokenJob,
                client.list(new io.jenkins.plugins.nvflare.client.ListFilter(null, null, null, "v281-cap-1", null))
                        .get(0)
                        .jobId());
        assertEquals(
                3,
                client.logs(JOB, new io.jenkins.plugins.nvflare.client.LogRequest(null, 3, null, null, null))
                        .logs()
                        .get("server")
                        .split("\n")
                        .length);
        assertEquals(
                ErrorCodes.JOB_NOT_RUNNING,
                assertThrows(
                                FlareException.class,
                                () -> client.logConfig(
                                        JOB,
                                        new io.jenkins.plugins.nvflare.client.LogConfigRequest("DEBUG", null, null)))
                        .errorCode());
        assertEquals(JOB, client.abort(JOB, null).jobId());
        assertEquals(JOB, client.cloneJob(JOB, null).sourceJobId());
    }

    /** The smallest folder both transports accept as a job (meta.json and a server config). */
    private Path jobFolder() throws IOException {
        Path folder = tmp.resolve("hello-numpy");
        if (!Files.exists(folder)) {
            Files.createDirectories(folder.resolve("app/config"));
            Files.writeString(folder.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
            Files.writeString(folder.resolve("app/config/config_fed_server.json"), "{}");
        }
        return folder;
    }
}
