package io.jenkins.plugins.nvflare.client.bench;

import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-project fake FLARE server for {@link TransportBenchmark}, in a JVM of its own so that the client's
 * process CPU time is the client's alone: {@code <scheme> <work folder> <job folder>}. It accepts any number
 * of sessions, takes uploads, answers {@code get_job_meta} with a finished job and offers the job folder
 * (stored zip) as the job's download in 5 MiB chunks, as a real server's download service does. Prints
 * {@code READY <kit folder>} once it listens, and stops when its standard input closes.
 */
public final class BenchServer {
    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        String scheme = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        Path job = Path.of(args[2]);
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server).chunkSize(5 << 20);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("job.zip", BenchJobs.storedZip(job));
            files.put(
                    "meta.json",
                    "{\"job_id\": \"%s\", \"status\": \"FINISHED:COMPLETED\"}"
                            .formatted(FakeStreamServer.NEW_JOB_ID)
                            .getBytes(StandardCharsets.UTF_8));
            files.put("workspace.zip", emptyZip());
            stream.offer(files);
            int port = server.serveEachSession(scheme);
            Path kit = F3Fixtures.adminKit(work, scheme, port);
            System.out.println("READY " + kit);
            System.out.flush();
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // runs until the benchmark closes the pipe
                }
            }
        }
    }

    private static byte[] emptyZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new java.util.zip.ZipOutputStream(bytes).close();
        return bytes.toByteArray();
    }
}
