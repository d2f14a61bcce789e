package io.jenkins.plugins.nvflare.client.f3.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.f3.NativeFlareClient;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submit's memory does not grow with the job: a separate JVM with a {@value #HEAP_MB} MiB heap submits a job
 * whose weights file alone is {@value #WEIGHTS_MB} MiB — reading that file whole, or holding the zip or its
 * chunk list in memory, fails with OutOfMemoryError — and the fake server receives the zip intact.
 */
class F3UploadMemoryTest {
    static final int HEAP_MB = 48;
    static final int WEIGHTS_MB = 64;
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void aJobLargerThanTheHeapIsSubmittedFromASmallHeap() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("jobs/weights"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"weights\"}");
        Files.writeString(Files.createDirectories(job.resolve("app/config")).resolve("config_fed_server.json"), "{}");
        Path weights = Files.createDirectories(job.resolve("app/custom")).resolve("weights.bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(3);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(weights)) {
            for (int i = 0; i < WEIGHTS_MB; i++) {
                random.nextBytes(block); // incompressible, so the zip is larger than the heap too
                sha.update(block);
                out.write(block);
            }
        }
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server);
            Future<Void> served = serverThread.submit(server::serve);
            Path kit = F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port());
            Path output = tmp.resolve("child.out");
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx" + HEAP_MB + "m",
                            "-XX:+ExitOnOutOfMemoryError",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Submitter.class.getName(),
                            kit.toString(),
                            job.toString(),
                            staging.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the submitting JVM finished");
            } finally {
                child.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), printed);
            assertEquals(FakeStreamServer.NEW_JOB_ID, printed.strip());
            served.get(30, TimeUnit.SECONDS);

            byte[] zip = stream.lastUpload();
            assertTrue(zip.length > WEIGHTS_MB << 20, "the zip holds the whole weights file: " + zip.length);
            assertEquals(
                    "submit job_mgmt.submit_job weights token=ok verified",
                    stream.log().get(zip.length / JobUpload.CHUNK_SIZE + 1));
            assertArrayEquals(
                    sha.digest(),
                    MessageDigest.getInstance("SHA-256").digest(entry(zip, "weights/app/custom/weights.bin")));
            try (Stream<Path> left = Files.list(staging)) {
                assertEquals(List.of(), left.toList(), "the staged zip is deleted");
            }
        }
    }

    private static byte[] entry(byte[] zip, String name) throws Exception {
        try (java.util.zip.ZipInputStream in =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name + " in the upload");
    }

    /** The submitting JVM: {@code <kit> <job folder> <temp folder>}; prints the job id. */
    static final class Submitter {
        public static void main(String[] args) throws Exception {
            try (NativeFlareClient client =
                    new NativeFlareClient(Path.of(args[0]), Duration.ofSeconds(30), Path.of(args[2]))) {
                System.out.println(client.submit(new SubmitRequest(Path.of(args[1]), null, null)));
            }
        }
    }
}
