package io.jenkins.plugins.nvflare.client.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Job folders for the benchmark. */
final class BenchJobs {
    private BenchJobs() {}

    /** A minimal valid job with one incompressible file of {@code megabytes} MiB in {@code app/custom/blob.bin}. */
    static Path withBlob(Path job, int megabytes) throws IOException {
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"bench\", \"deploy_map\": {\"app\": [\"@ALL\"]}}");
        Files.writeString(
                job.resolve("app/config/config_fed_server.json"), "{\"format_version\": 2, \"workflows\": []}");
        Files.writeString(
                job.resolve("app/config/config_fed_client.json"), "{\"format_version\": 2, \"executors\": []}");
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(
                Files.createDirectories(job.resolve("app/custom")).resolve("blob.bin"))) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return job;
    }

    /** The folder as a zip of stored entries, in memory (the fake server offers it as the job's download). */
    static byte[] storedZip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                byte[] content = Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p);
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry e = new ZipEntry(name);
                e.setMethod(ZipEntry.STORED);
                e.setSize(content.length);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
