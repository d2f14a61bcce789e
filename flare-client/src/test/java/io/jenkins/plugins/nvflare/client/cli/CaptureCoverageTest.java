package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every machine-mode ({@code --format json|jsonl}) {@code nvflare job} capture is replayed by a
 * contract test, so a capture added later cannot silently go untested.
 */
class CaptureCoverageTest {

    /** Capture → the test class replaying it. */
    private static final Map<String, String> REPLAYED = Map.ofEntries(
            Map.entry("21-job-submit", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("22-job-monitor-jsonl", "MonitorContractTest, CliTransportContractTest"),
            Map.entry("23-job-stats-running", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("24-job-list-running", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("25-job-wait", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("26-job-meta", "CliFlareClientContractTest, CliTransportContractTest, NvflareCliTest"),
            Map.entry("27-job-logs-all-json", "CliFlareClientContractTest, CliTransportContractTest, LogTextTest"),
            Map.entry("28-job-download", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("30-submit-token-t1-first", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("31-submit-token-t1-second", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("32-submit-token-t1-different-content", "CliTransportContractTest, NvflareCliTest"),
            Map.entry("33-job-list-by-token", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("40-submit-long", "CliFlareClientContractTest"),
            Map.entry("41-stats-long-running-all", "CliFlareClientContractTest"),
            Map.entry("42-abort-no-force", "CliFlareClientContractTest"),
            Map.entry("43-abort-force", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("44-meta-aborted", "CliFlareClientContractTest"),
            Map.entry("45-wait-aborted", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("46-monitor-aborted-jsonl", "MonitorContractTest, CliTransportContractTest"),
            Map.entry("47-submit-long2", "CliFlareClientContractTest"),
            Map.entry("51-unknown-id-meta-json", "CliTransportContractTest, MonitorContractTest"),
            Map.entry("51-unknown-id-stats-json", "CliFlareClientContractTest"),
            Map.entry("52-abort-finished-job-admin", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("53-logs-site1-json", "CliTransportContractTest"),
            Map.entry("53b-logs-server-tail5-json", "CliFlareClientContractTest, LogTextTest"),
            Map.entry("64-kit-missing-no-config", "CliFlareClientContractTest"),
            Map.entry("68-argparse-error-json", "CliFlareClientContractTest"),
            Map.entry("70-submit-logstream", "CliFlareClientContractTest"),
            Map.entry("71-wait-logstream", "CliFlareClientContractTest"),
            Map.entry("72-logs-logstream-all-json", "CliFlareClientContractTest, LogTextTest"),
            Map.entry("73-download-logstream", "CliFlareClientContractTest"),
            Map.entry("81-format-before-subcommand", "CliFlareClientContractTest"),
            Map.entry("87-submit-token-t1-after-delete", "CliFlareClientContractTest"),
            Map.entry("88-job-list-final-json", "CliFlareClientContractTest"),
            Map.entry("89-job-list-filter-name", "CliFlareClientContractTest"),
            Map.entry("101-down-meta-json", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("102-down-submit-json", "CliFlareClientContractTest, CliTransportContractTest"),
            Map.entry("104-down-monitor-jsonl", "MonitorContractTest, CliTransportContractTest"),
            Map.entry("105-down-meta-connect-timeout-1", "CliFlareClientContractTest, NvflareCliTest"),
            Map.entry("106-down-list-json", "CliFlareClientContractTest"),
            Map.entry("112-tcp-submit", "CliFlareClientContractTest"),
            Map.entry("113-tcp-wait", "CliFlareClientContractTest"),
            Map.entry("122-grpc-submit", "CliFlareClientContractTest"),
            Map.entry("123-grpc-wait", "CliFlareClientContractTest"),
            Map.entry("86-delete-t1-job", "CliTransportContractTest"),
            // live captures (live-captures/README.md)
            Map.entry("140-monitor-poll-running-jsonl", "MonitorContractTest"),
            Map.entry("160-clone", "CliTransportContractTest, CliFlareClientContractTest"),
            Map.entry("161-clone-unknown-id", "CliTransportContractTest"),
            Map.entry("162-down-clone", "CliTransportContractTest"),
            Map.entry("163-delete-finished", "CliTransportContractTest"),
            Map.entry("164-delete-submitted", "CliFlareClientContractTest"),
            Map.entry("165-delete-running", "CliTransportContractTest"),
            Map.entry("166-delete-unknown-id", "CliTransportContractTest"),
            Map.entry("167-delete-no-force", "CliFlareClientContractTest"),
            Map.entry("168-down-delete", "CliTransportContractTest"),
            Map.entry("169-abort-long", "CliFlareClientContractTest"),
            Map.entry("170-delete-just-aborted", "CliFlareClientContractTest"),
            Map.entry("171-delete-aborted", "CliFlareClientContractTest"),
            Map.entry("172-log-config-server", "CliTransportContractTest"),
            Map.entry("173-log-config-site", "CliTransportContractTest"),
            Map.entry("174-log-config-all", "CliTransportContractTest"),
            Map.entry("175-log-config-mode-all", "CliFlareClientContractTest"),
            Map.entry("176-log-alias-reload", "CliFlareClientContractTest"),
            Map.entry("177-log-config-lowercase-level", "CliFlareClientContractTest"),
            Map.entry("178-log-config-numeric-level", "CliFlareClientContractTest"),
            Map.entry("179-log-config-invalid-level-server", "CliTransportContractTest"),
            Map.entry("180-log-config-invalid-level-site", "CliTransportContractTest"),
            Map.entry("181-log-config-invalid-level-all", "CliFlareClientContractTest"),
            Map.entry("182-log-config-missing-level", "CliTransportContractTest (refused before the CLI runs)"),
            Map.entry("183-log-config-unknown-site", "CliTransportContractTest"),
            Map.entry("184-log-config-finished", "CliTransportContractTest"),
            Map.entry("185-log-config-queued", "CliTransportContractTest"),
            Map.entry("186-log-config-unknown-id", "CliTransportContractTest"),
            Map.entry("187-down-log-config", "CliTransportContractTest"),
            Map.entry("188-submit-token-large-file", "CliTransportContractTest (refused before the CLI runs)"),
            Map.entry("201-v272-meta", "CliVersionCompatibilityTest"),
            Map.entry("202-v272-submit", "CliVersionCompatibilityTest"),
            Map.entry("203-v272-monitor", "CliVersionCompatibilityTest"),
            Map.entry("211-v281-submit", "CliVersionCompatibilityTest"),
            Map.entry("212-v281-monitor-jsonl", "CliVersionCompatibilityTest"),
            Map.entry("213-v281-wait", "CliVersionCompatibilityTest"),
            Map.entry("214-v281-meta", "CliVersionCompatibilityTest"),
            Map.entry("215-v281-list", "CliVersionCompatibilityTest"),
            Map.entry("216-v281-logs-server-tail", "CliVersionCompatibilityTest"),
            Map.entry("218-v281-stats-finished", "CliVersionCompatibilityTest"),
            Map.entry("219-v281-meta-unknown-id", "CliVersionCompatibilityTest"),
            Map.entry("220-v281-bogus-flag", "CliVersionCompatibilityTest"),
            Map.entry("221-v281-log-config-finished", "CliVersionCompatibilityTest"),
            Map.entry("222-v281-abort-finished", "CliVersionCompatibilityTest"),
            Map.entry("223-v281-clone", "CliVersionCompatibilityTest"),
            Map.entry("224-v281-submit-token", "CliVersionCompatibilityTest"),
            Map.entry("225-v281-list-token", "CliVersionCompatibilityTest"));

    /** Machine-mode job captures that are deliberately not replayed, with the reason. */
    private static final Map<String, String> NOT_REPLAYED = Map.of(
            "204-v272-list",
            "2.7.2's answer to job list is 201's (invalid choice), replayed for meta",
            "217-v281-download",
            "its paths are the live machine's download folder; the envelope has the shape of 28-job-download");

    @Test
    void everyMachineModeJobCaptureIsReplayed() throws IOException {
        Set<String> machineModeJobCaptures = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(
                Files.list(Path.of("src/test/resources/nvflare-cli-captures")),
                Files.list(Path.of("src/test/resources/live-captures")))) {
            for (Path cmd : files.filter(p -> p.getFileName().toString().endsWith(".cmd"))
                    .toList()) {
                List<String> words = List.of(Files.readString(cmd, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("")
                        .split("\\s+"));
                boolean machineMode = words.contains("json") || words.contains("jsonl");
                if (machineMode && words.contains("job")) {
                    machineModeJobCaptures.add(cmd.getFileName().toString().replaceFirst("\\.cmd$", ""));
                }
            }
        }
        Set<String> accounted = new TreeSet<>(REPLAYED.keySet());
        accounted.addAll(NOT_REPLAYED.keySet());
        assertEquals(machineModeJobCaptures, accounted);
    }

    @Test
    void everyListedCaptureExistsWithItsSubcommand() {
        for (String capture : REPLAYED.keySet()) {
            // 2.7.2's argparse refuses the contract's commands on stderr only (201, 203)
            assertTrue(FakeNvflare.resource(capture + ".stdout").length > 0 || capture.contains("-v272-"), capture);
            assertTrue(
                    Set.of(
                                    "submit",
                                    "meta",
                                    "wait",
                                    "monitor",
                                    "list",
                                    "abort",
                                    "logs",
                                    "download",
                                    "stats",
                                    "clone",
                                    "delete",
                                    "log-config",
                                    "log")
                            .contains(FakeNvflare.subcommandOf(capture)),
                    capture);
        }
    }
}
