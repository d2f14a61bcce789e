package io.jenkins.plugins.nvflare.client.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.testing.CaptureTrees;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactDiscoveryTest {

    @TempDir
    Path tmp;

    private static Path file(Path root, String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, rel);
    }

    /** The CLI's "artifacts" of a captured download, relative to its download_path. */
    private static Map<String, String> cliArtifacts(String capture) throws IOException {
        JsonNode data =
                new ObjectMapper().readTree(FakeNvflare.resource(capture)).path("data");
        String base = data.path("download_path").asText() + "/";
        return Map.of(
                "metrics_summary",
                        data.path("artifacts").path("metrics_summary").asText().replace(base, ""),
                "round_metrics",
                        data.path("artifacts").path("round_metrics").asText().replace(base, ""));
    }

    @Test
    void findsWhatTheCliFoundInTheCapturedHelloNumpyDownload() throws Exception {
        // Replays 28-job-download: tree from 28-job-download-tree.txt, CLI result from 28-job-download.stdout.
        Path job = CaptureTrees.materialize("28-job-download-tree.txt", tmp);
        DiscoveredArtifacts found = ArtifactDiscovery.discover(job);
        Map<String, String> cli = cliArtifacts("28-job-download.stdout");
        assertEquals(cli.get("metrics_summary"), found.metricsSummary());
        assertEquals(cli.get("round_metrics"), found.roundMetrics());
        // The CLI reports global_model missing for numpy jobs; the model is models/server.npy.
        assertEquals("workspace/models/server.npy", found.globalModel());
        // workspace/log.txt is the server's log, not a site's.
        assertEquals(Map.of(), found.siteLogs());
        assertEquals(List.of("client_logs"), found.missing());
        assertTrue(Files.readString(job.resolve(found.metricsSummary())).contains("\"final_round\": 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"28-job-download", "73-download-logstream"})
    void withTheCliRulesOnlyItReportsExactlyWhatTheCliReported(String capture) throws Exception {
        // The native transport reports these as the CLI does: no numpy model, no log.json as a site log.
        Path job = CaptureTrees.materialize(capture + "-tree.txt", tmp);
        DiscoveredArtifacts found = ArtifactDiscovery.discoverAsCli(job);
        Map<String, String> cli = cliArtifacts(capture + ".stdout");
        assertEquals(cli, Map.of("metrics_summary", found.metricsSummary(), "round_metrics", found.roundMetrics()));
        assertNull(found.globalModel());
        assertEquals(Map.of(), found.siteLogs());
        JsonNode missing = new ObjectMapper()
                .readTree(FakeNvflare.resource(capture + ".stdout"))
                .path("data")
                .path("missing_artifacts");
        assertEquals(List.of(missing.get(0).asText(), missing.get(1).asText()), found.missing());
        assertEquals(2, missing.size());
    }

    @Test
    void takesSiteLogJsonWhenASiteHasNoLogTxt() throws Exception {
        // Replays 73-download-logstream: sites left only log.json (73-download-logstream-tree.txt).
        Path job = CaptureTrees.materialize("73-download-logstream-tree.txt", tmp);
        DiscoveredArtifacts found = ArtifactDiscovery.discover(job);
        Map<String, String> cli = cliArtifacts("73-download-logstream.stdout");
        assertEquals(cli.get("metrics_summary"), found.metricsSummary());
        assertEquals(
                Map.of("site-1", "workspace/site-1/log.json", "site-2", "workspace/site-2/log.json"), found.siteLogs());
        assertEquals(
                List.of(
                        "workspace/models/server.npy",
                        "workspace/metrics/metrics_summary.json",
                        "workspace/metrics/round_metrics.jsonl",
                        "workspace/site-1/log.json",
                        "workspace/site-2/log.json"),
                found.allPaths());
        assertEquals(List.of(), found.missing());
    }

    @Test
    void ranksGlobalModelsByServerLocationThenName() throws Exception {
        file(tmp, "server/FL_global_model.pt");
        file(tmp, "workspace/app_server/best_FL_global_model.pt");
        file(tmp, "workspace/app_server/global_model.pt");
        file(tmp, "site-1/FL_global_model.pt"); // a client's copy is never the global model
        assertEquals(
                "workspace/app_server/global_model.pt",
                ArtifactDiscovery.discover(tmp).globalModel());
        file(tmp, "workspace/model_global.json");
        assertEquals(
                "workspace/model_global.json", ArtifactDiscovery.discover(tmp).globalModel());
    }

    @Test
    void prefersAFlareModelOverServerNpy() throws Exception {
        file(tmp, "workspace/models/server.npy");
        file(tmp, "workspace/app_server/FL_global_model.pt");
        assertEquals(
                "workspace/app_server/FL_global_model.pt",
                ArtifactDiscovery.discover(tmp).globalModel());
    }

    @Test
    void followsAValidManifest() throws Exception {
        file(tmp, "workspace/app_server/FL_global_model.pt");
        file(tmp, "workspace/app_server/out/final.pt");
        Files.writeString(
                tmp.resolve("workspace/app_server/artifact_manifest.json"),
                "{\"schema_version\":\"1\",\"artifacts\":{\"global_model\":\"out/final.pt\"}}");
        assertEquals(
                "workspace/app_server/out/final.pt",
                ArtifactDiscovery.discover(tmp).globalModel());
    }

    @Test
    void anUnusableManifestMeansNoModelLikeTheCli() throws Exception {
        file(tmp, "workspace/app_server/FL_global_model.pt");
        Path manifest = tmp.resolve("workspace/app_server/artifact_manifest.json");
        for (String bad : List.of(
                "{\"schema_version\":\"1\",\"artifacts\":{\"global_model\":\"../../../etc/passwd\"}}",
                "{\"schema_version\":\"1\",\"artifacts\":{\"global_model\":\"/etc/passwd\"}}",
                "{\"schema_version\":\"2\",\"artifacts\":{\"global_model\":\"FL_global_model.pt\"}}",
                "{\"schema_version\":\"1\",\"artifacts\":{\"global_model\":\"artifact_manifest.json\"}}",
                "not json")) {
            Files.writeString(manifest, bad);
            assertNull(ArtifactDiscovery.discover(tmp).globalModel(), bad);
        }
    }

    @Test
    void appliesTheCliSiteNameRules() throws Exception {
        file(tmp, "workspace/app_site-3/log.txt");
        file(tmp, "workspace/site-1/log.txt");
        file(tmp, "clients/hospital-a/log.txt");
        file(tmp, "workspace/log.txt"); // server
        file(tmp, "workspace/server/site-9/log.txt"); // under server: not a site log
        file(tmp, "workspace/local/log.txt");
        file(tmp, "log.txt"); // no parent folder
        assertEquals(
                Map.of(
                        "hospital-a", "clients/hospital-a/log.txt",
                        "site-1", "workspace/site-1/log.txt",
                        "site-3", "workspace/app_site-3/log.txt"),
                ArtifactDiscovery.discover(tmp).siteLogs());
    }

    @Test
    void logTxtWinsOverLogJsonForTheSameSite() throws Exception {
        file(tmp, "workspace/site-1/log.json");
        file(tmp, "workspace/site-1/log.txt");
        assertEquals(
                Map.of("site-1", "workspace/site-1/log.txt"),
                ArtifactDiscovery.discover(tmp).siteLogs());
    }

    @Test
    void neverFollowsSymlinksOutOfTheRoot() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        file(outside, "FL_global_model.pt");
        file(outside, "metrics_summary.json");
        file(outside, "site-1/log.txt");
        Path root = Files.createDirectories(tmp.resolve("dl/job"));
        Files.createDirectories(root.resolve("workspace"));
        try {
            Files.createSymbolicLink(root.resolve("workspace/app_server"), outside);
            Files.createSymbolicLink(
                    root.resolve("workspace/metrics_summary.json"), outside.resolve("metrics_summary.json"));
            Files.createSymbolicLink(
                    root.resolve("workspace/FL_global_model.pt"), outside.resolve("FL_global_model.pt"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symlinks not supported here: " + e);
        }
        DiscoveredArtifacts found = ArtifactDiscovery.discover(root);
        assertNull(found.globalModel());
        assertNull(found.metricsSummary());
        assertTrue(found.siteLogs().isEmpty());
        assertFalse(found.allPaths().stream().anyMatch(p -> p.contains("..")));
    }

    @Test
    void manifestPointingThroughASymlinkIsRejected() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        file(outside, "final.pt");
        Path root = Files.createDirectories(tmp.resolve("dl"));
        Files.createDirectories(root.resolve("workspace/app_server"));
        try {
            Files.createSymbolicLink(root.resolve("workspace/app_server/out"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symlinks not supported here: " + e);
        }
        Files.writeString(
                root.resolve("workspace/app_server/artifact_manifest.json"),
                "{\"schema_version\":\"1\",\"artifacts\":{\"global_model\":\"out/final.pt\"}}");
        assertNull(ArtifactDiscovery.discover(root).globalModel());
    }

    @Test
    void missingRootGivesAnEmptyResult() throws Exception {
        DiscoveredArtifacts found = ArtifactDiscovery.discover(tmp.resolve("absent"));
        assertTrue(found.allPaths().isEmpty());
        assertEquals(List.of("global_model", "metrics_summary", "client_logs"), found.missing());
    }
}
