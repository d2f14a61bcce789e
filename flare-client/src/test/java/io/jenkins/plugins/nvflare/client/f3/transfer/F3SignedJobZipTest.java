package io.jenkins.plugins.nvflare.client.f3.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F3SignedJobZipTest {

    @Test
    void zipHasExplicitDirectoriesAndSignaturesTheServerAccepts(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = Files.createDirectories(tmp.resolve("jobs/hello-numpy"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
        Files.createDirectories(job.resolve("app/custom"));
        Files.writeString(job.resolve(SignedJobZip.SIGNATURE_FILE), "{\"stale\": \"x\"}");

        Map<String, byte[]> zip = unzip(SignedJobZip.build(job, kit));

        assertEquals(
                List.of(
                        "hello-numpy/meta.json",
                        "hello-numpy/.__nvfl_sig.json",
                        "hello-numpy/.__nvfl_submitter.crt",
                        "hello-numpy/app/",
                        "hello-numpy/app/.__nvfl_sig.json",
                        "hello-numpy/app/.__nvfl_submitter.crt",
                        "hello-numpy/app/config/",
                        "hello-numpy/app/config/config_fed_server.json",
                        "hello-numpy/app/config/.__nvfl_sig.json",
                        "hello-numpy/app/config/.__nvfl_submitter.crt",
                        "hello-numpy/app/custom/",
                        "hello-numpy/app/custom/.__nvfl_sig.json",
                        "hello-numpy/app/custom/.__nvfl_submitter.crt"),
                new ArrayList<>(zip.keySet()));
        assertArrayEquals(F3Fixtures.bytes("admin-2048.crt"), zip.get("hello-numpy/app/.__nvfl_submitter.crt"));
        assertEquals(
                List.of(ZipEntry.STORED),
                methods(SignedJobZip.build(job, kit)),
                "every entry stored, as zip_utils writes them");
        assertFalse(Files.exists(job.resolve(SignedJobZip.SUBMITTER_CERT_FILE)), "the job folder is left untouched");

        // verify_folder_signature_and_get_signers, replayed: every file and sub-folder signed in its directory's JSON
        PublicKey pub = kit.certificate().getPublicKey();
        Map<String, String> top = signatures(zip, "hello-numpy/");
        assertEquals(List.of("meta.json", "app"), new ArrayList<>(top.keySet()), "stale entries are not carried over");
        assertTrue(verifies(pub, zip.get("hello-numpy/meta.json"), top.get("meta.json")));
        assertTrue(verifies(pub, "app".getBytes(StandardCharsets.UTF_8), top.get("app")));
        Map<String, String> config = signatures(zip, "hello-numpy/app/config/");
        assertTrue(verifies(pub, "{}".getBytes(StandardCharsets.UTF_8), config.get("config_fed_server.json")));
        assertEquals(Map.of(), signatures(zip, "hello-numpy/app/custom/"));
        assertFalse(verifies(pub, "tampered".getBytes(StandardCharsets.UTF_8), top.get("meta.json")));
    }

    @Test
    void symbolicLinksAreRefused(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(job.resolve("meta.json"), "{}");
        Files.createSymbolicLink(job.resolve("secrets"), tmp.resolve("startup"));
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.build(job, kit));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().contains("holds a symbolic link, secrets"), e.getMessage());
    }

    @Test
    void aFileIsNotAJobFolder(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path file = Files.writeString(tmp.resolve("meta.json"), "{}");
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.build(file, kit));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
    }

    /**
     * Files are read in buffers, first for the signature and CRC, then into their stored entry: the zip must be
     * byte for byte what a whole-file writer of stored entries writes for the same entries (PSS signatures are randomised and entry
     * times are the clock's, so the reference takes both from the zip under test).
     */
    @Test
    void aFileReadInBuffersGivesTheSameZipAsOneWrittenWhole(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = bigJob(tmp.resolve("jobs/weights"), 1_500_000);
        Path staging = Files.createDirectories(tmp.resolve("staging"));

        byte[] inMemory = SignedJobZip.build(job, kit);
        byte[] staged;
        try (SignedJobZip.Staged zip = SignedJobZip.stage(job, kit, staging, SignedJobZip.FILES)) {
            assertEquals(List.of(zip.file()), list(staging));
            assertTrue(zip.file().getFileName().toString().startsWith(SignedJobZip.TEMP_PREFIX));
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip.file())));
            }
            staged = Files.readAllBytes(zip.file());
            assertEquals(staged.length, zip.size());
        }
        assertEquals(List.of(), list(staging), "closing deletes the staged zip");

        for (byte[] zip : List.of(inMemory, staged)) {
            assertArrayEquals(wholeFileReference(zip), zip);
            Map<String, byte[]> entries = unzip(zip);
            byte[] weights = Files.readAllBytes(job.resolve("app/custom/weights.bin"));
            assertArrayEquals(weights, entries.get("weights/app/custom/weights.bin"));
            assertTrue(
                    verifies(
                            kit.certificate().getPublicKey(),
                            weights,
                            signatures(entries, "weights/app/custom/").get("weights.bin")),
                    "signed over the whole file");
        }
    }

    /** A real read failure even as root: the file turns into a folder between the listing and the reading. */
    @Test
    void aFileThatCannotBeReadIsTheClisInternalErrorNamingItAndNothingIsLeft(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = bigJob(tmp.resolve("jobs/weights"), 200_000);
        Path weights = job.resolve("app/custom/weights.bin");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        SignedJobZip.FileOpener changing = file -> {
            if (file.equals(weights)) {
                Files.delete(weights);
                Files.createDirectory(weights);
            }
            return SignedJobZip.FILES.open(file);
        };
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.stage(job, kit, staging, changing));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        assertEquals("Cannot read the job file " + weights + ": Is a directory", e.getMessage());
        assertEquals(
                "Check that the file exists and that its permissions let the user running the build read it.",
                e.hint());
        assertEquals(List.of(), list(staging), "the half-written zip is deleted");
    }

    /** A stored entry's size and CRC come from the first read: a file written to meanwhile is not sent half-signed. */
    @Test
    void aFileThatChangesWhileItIsZippedIsAnInternalErrorAndNothingIsLeft(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = bigJob(tmp.resolve("jobs/weights"), 200_000);
        Path weights = job.resolve("app/custom/weights.bin");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        int[] opened = {0};
        SignedJobZip.FileOpener growing = file -> {
            if (file.equals(weights) && opened[0]++ == 1) {
                Files.write(weights, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            }
            return SignedJobZip.FILES.open(file);
        };
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.stage(job, kit, staging, growing));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        assertEquals("The job file " + weights + " changed while it was being signed and zipped.", e.getMessage());
        assertEquals(2, opened[0]);
        assertEquals(List.of(), list(staging), "the half-written zip is deleted");
    }

    @Test
    void aFileWithoutReadPermissionIsTheClisInternalError(@TempDir Path tmp) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files without read permission");
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = bigJob(tmp.resolve("jobs/weights"), 1000);
        Path weights = job.resolve("app/custom/weights.bin");
        Files.setPosixFilePermissions(weights, PosixFilePermissions.fromString("---------"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        try {
            FlareException e =
                    assertThrows(FlareException.class, () -> SignedJobZip.stage(job, kit, staging, SignedJobZip.FILES));
            assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
            assertTrue(e.getMessage().startsWith("Cannot read the job file " + weights + ": "), e.getMessage());
            assertEquals(List.of(), list(staging));
        } finally {
            Files.setPosixFilePermissions(weights, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void anInterruptWhileSigningStopsAndDeletesTheStagedZip(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = bigJob(tmp.resolve("jobs/weights"), 200_000);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        SignedJobZip.FileOpener interrupting = file -> {
            Thread.currentThread().interrupt(); // as a Jenkins abort does
            return SignedJobZip.FILES.open(file);
        };
        try {
            assertThrows(InterruptedException.class, () -> SignedJobZip.stage(job, kit, staging, interrupting));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), list(staging));
    }

    /**
     * A job of many small files is signed on several threads ({@link JobSignatures}): every file and folder still
     * gets its own signature in its folder's signature file, in zip order, and the zip is what the walk saw.
     */
    @Test
    void aJobOfManySmallFilesIsSignedOnSeveralThreadsAndEverySignatureVerifies(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = manyFiles(tmp.resolve("jobs/many"), 3, 40);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        JobFolder walked = JobFolders.inspect(job);
        Files.writeString(job.resolve("app/custom/late.txt"), "written after the check");

        Map<String, byte[]> zip;
        try (SignedJobZip.Staged staged = SignedJobZip.stage(walked, kit, staging, SignedJobZip.FILES)) {
            zip = unzip(Files.readAllBytes(staged.file()));
        }
        assertFalse(zip.containsKey("many/app/custom/late.txt"), "only what the walk saw is zipped");
        PublicKey pub = kit.certificate().getPublicKey();
        for (int d = 0; d < 3; d++) {
            String dir = "many/app/custom/d" + d + "/";
            Map<String, String> signed = signatures(zip, dir);
            assertEquals(40, signed.size());
            for (int f = 0; f < 40; f++) {
                String name = String.format("f%02d.txt", f);
                assertTrue(verifies(pub, zip.get(dir + name), signed.get(name)), dir + name);
            }
            assertTrue(verifies(
                    pub,
                    ("d" + d).getBytes(StandardCharsets.UTF_8),
                    signatures(zip, "many/app/custom/").get("d" + d)));
        }
        assertEquals(
                List.of("client.py", "d0", "d1", "d2"),
                new ArrayList<>(signatures(zip, "many/app/custom/").keySet()));

        // one thread or several: the same entries with the same bytes (PSS signatures are randomised)
        JobSignatures one = JobSignatures.sign(walked, kit.privateKey(), SignedJobZip.FILES, 1);
        JobSignatures four = JobSignatures.sign(walked, kit.privateKey(), SignedJobZip.FILES, 4);
        for (JobFolder.JobFile file : walked.files()) {
            assertEquals(one.file(file.path()).crc(), four.file(file.path()).crc(), file.path());
            assertEquals(one.file(file.path()).size(), four.file(file.path()).size(), file.path());
        }
    }

    /** Among many files signed on several threads, the one that cannot be read is named, and nothing is left. */
    @Test
    void aFileThatCannotBeReadAmongManyIsNamedWhicheverThreadReadsIt(@TempDir Path tmp) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        Path job = manyFiles(tmp.resolve("jobs/many"), 2, 60);
        Path broken = job.resolve("app/custom/d1/f33.txt");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        JobFolder walked = JobFolders.inspect(job);
        Files.delete(broken);
        Files.createDirectory(broken);
        FlareException e =
                assertThrows(FlareException.class, () -> SignedJobZip.stage(walked, kit, staging, SignedJobZip.FILES));
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals("Cannot read the job file " + broken + ": Is a directory", e.getMessage());
        assertEquals(List.of(), list(staging));
    }

    private static Path manyFiles(Path job, int folders, int files) throws Exception {
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"many\"}");
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
        Files.writeString(Files.createDirectories(job.resolve("app/custom")).resolve("client.py"), "print()");
        for (int d = 0; d < folders; d++) {
            Path dir = Files.createDirectories(job.resolve("app/custom/d" + d));
            for (int f = files - 1; f >= 0; f--) {
                Files.writeString(dir.resolve(String.format("f%02d.txt", f)), "file " + d + "/" + f);
            }
        }
        return job;
    }

    private static Path bigJob(Path job, int weightBytes) throws Exception {
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"weights\"}");
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
        // half random, half repetitive: several read buffers of data the deflater both stores and compresses
        byte[] weights = new byte[weightBytes];
        Random random = new Random(11);
        for (int i = 0; i < weights.length; i += 4096) {
            if ((i / 4096) % 2 == 0) {
                byte[] block = new byte[Math.min(4096, weights.length - i)];
                random.nextBytes(block);
                System.arraycopy(block, 0, weights, i, block.length);
            } else {
                java.util.Arrays.fill(weights, i, Math.min(i + 4096, weights.length), (byte) (i / 4096));
            }
        }
        Files.write(Files.createDirectories(job.resolve("app/custom")).resolve("weights.bin"), weights);
        return job;
    }

    /** Every entry's bytes in one write, stored, with the same names, order and times. */
    private static byte[] wholeFileReference(byte[] zip) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(content.length);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<Integer> methods(byte[] bytes) throws Exception {
        List<Integer> methods = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!methods.contains(e.getMethod())) {
                    methods.add(e.getMethod());
                }
            }
        }
        return methods;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static boolean verifies(PublicKey pub, byte[] content, String base64) throws Exception {
        return PssSignatures.verify(pub, content, Base64.getDecoder().decode(base64));
    }

    private static Map<String, String> signatures(Map<String, byte[]> zip, String dir) throws Exception {
        return new ObjectMapper()
                .readValue(
                        zip.get(dir + SignedJobZip.SIGNATURE_FILE),
                        new TypeReference<LinkedHashMap<String, String>>() {});
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static AdminIdentity kit(Path startup) throws Exception {
        Files.createDirectories(startup);
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        return AdminIdentity.load(startup);
    }
}
