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

    /**
     * {@code base} (a job folder; a minimal one when null) copied to {@code job}, plus {@code count} small text files
     * of 200 to 2,000 bytes under {@code app/custom/data/}, 100 to a folder: the shape where a submit's cost is per
     * file (a signature and an entry each) rather than per byte. The same files every time (a fixed seed).
     */
    static Path withSmallFiles(Path base, Path job, int count) throws IOException {
        if (base == null) {
            withBlob(job, 0);
            Files.delete(job.resolve("app/custom/blob.bin"));
        } else {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.sorted().toList()) {
                    Path target = job.resolve(base.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        Random random = new Random(7);
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(job.resolve(String.format("app/custom/data/d%03d", i / 100)));
            byte[] text = new byte[200 + random.nextInt(1801)];
            for (int b = 0; b < text.length; b++) {
                text[b] = alphabet[random.nextInt(alphabet.length)];
            }
            Files.write(dir.resolve(String.format("f%03d.txt", i % 100)), text);
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
