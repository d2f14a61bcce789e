package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.kit.MaterializedKit;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin's native path without Jenkins: the kit zip materialised as a step does, then submit,
 * monitor (real clock, 1 s interval), logs and download of the captured hello-numpy run against
 * {@link FakeFederation}, the server the plugin's JenkinsRule tests use, over every scheme.
 */
class F3FakeFederationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void helloNumpyRunsEndToEndOverTheNativeTransport(String scheme) throws Exception {
        try (FakeFederation federation = FakeFederation.helloNumpy(tmp.resolve("server"), scheme)) {
            Path job = tmp.resolve("ws/jobs/hello-numpy");
            Files.createDirectories(job.resolve("app/config"));
            Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
            Files.writeString(job.resolve("app/config/config_fed_server.json"), "{\"format_version\": 2}");
            Path temp = Files.createDirectories(tmp.resolve("ws@tmp"));
            Path kitDir;
            List<MonitorEvent> events = new ArrayList<>();
            JobResult result;
            JobLogs logs;
            DownloadResult download;
            try (MaterializedKit kit = StartupKit.materialize(federation.adminKitZip(), temp, Instant.now())) {
                kitDir = kit.kitDir();
                try (FlareClient client = new NativeFlareClient(kit.kitDir(), Duration.ofSeconds(10))) {
                    String id = client.submit(new SubmitRequest(job, null, "jenkins-train-1-x"));
                    assertEquals(FakeFederation.jobId(), id);
                    result = client.monitor(id, new WaitOptions(null, 60, 1, List.of()), events::add);
                    logs = client.logs(id, new LogRequest("all", 50, null, null, null));
                    download = client.download(id, new DownloadRequest(tmp.resolve("ws/flare-results"), false, null));
                }
            }
            assertFalse(Files.exists(kitDir), "the materialised kit is deleted");

            assertEquals(JobOutcome.COMPLETED, result.outcome());
            assertEquals("FINISHED:COMPLETED", result.jobStatus());
            assertTrue(events.size() >= 2, events.toString());
            assertTrue(events.get(events.size() - 1).terminal());
            assertTrue(logs.logs().get("server").lines().count() <= 50);
            assertFalse(logs.logs().get("server").isEmpty());
            Path root = tmp.resolve("ws/flare-results").resolve(FakeFederation.jobId());
            assertEquals(root.toString(), download.downloadPath());
            assertTrue(Files.isRegularFile(root.resolve("workspace/models/server.npy")));
            assertTrue(Files.isRegularFile(root.resolve("workspace/metrics/metrics_summary.json")));
            assertEquals(List.of(), federation.unscripted());
            assertTrue(
                    federation.commands().contains("get_job_log " + FakeFederation.jobId() + " all log.json"),
                    federation.commands().toString());
        }
    }
}
