package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F3SignedJobZipTest {

    @Test
    void zipHasExplicitDirectoriesAndSignaturesTheServerAccepts(@TempDir Path tmp) throws Exception {
        KitCredentials kit = kit(tmp.resolve("startup"));
        Path job = Files.createDirectories(tmp.resolve("jobs/hello-numpy"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
        Files.createDirectories(job.resolve("app/custom"));
        Files.writeString(job.resolve(SignedJobZip.SIGNATURE_FILE), "{\"stale\": \"x\"}");

        Map<String, byte[]> zip = unzip(SignedJobZip.build(job, kit));

        assertEquals(List.of(
                "hello-numpy/meta.json", "hello-numpy/.__nvfl_sig.json", "hello-numpy/.__nvfl_submitter.crt",
                "hello-numpy/app/", "hello-numpy/app/.__nvfl_sig.json", "hello-numpy/app/.__nvfl_submitter.crt",
                "hello-numpy/app/config/", "hello-numpy/app/config/config_fed_server.json",
                "hello-numpy/app/config/.__nvfl_sig.json", "hello-numpy/app/config/.__nvfl_submitter.crt",
                "hello-numpy/app/custom/", "hello-numpy/app/custom/.__nvfl_sig.json",
                "hello-numpy/app/custom/.__nvfl_submitter.crt"), new ArrayList<>(zip.keySet()));
        assertArrayEquals(F3Fixtures.bytes("admin-2048.crt"), zip.get("hello-numpy/app/.__nvfl_submitter.crt"));
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
        KitCredentials kit = kit(tmp.resolve("startup"));
        Path job = Files.createDirectories(tmp.resolve("job"));
        Files.writeString(job.resolve("meta.json"), "{}");
        Files.createSymbolicLink(job.resolve("secrets"), tmp.resolve("startup"));
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.build(job, kit));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().contains("symbolic links are not allowed"), e.getMessage());
    }

    @Test
    void aFileIsNotAJobFolder(@TempDir Path tmp) throws Exception {
        KitCredentials kit = kit(tmp.resolve("startup"));
        Path file = Files.writeString(tmp.resolve("meta.json"), "{}");
        FlareException e = assertThrows(FlareException.class, () -> SignedJobZip.build(file, kit));
        assertEquals(ErrorCodes.JOB_FOLDER_INVALID, e.errorCode());
    }

    private static boolean verifies(PublicKey pub, byte[] content, String base64) throws Exception {
        return PssSignatures.verify(pub, content, Base64.getDecoder().decode(base64));
    }

    private static Map<String, String> signatures(Map<String, byte[]> zip, String dir) throws Exception {
        return new ObjectMapper().readValue(zip.get(dir + SignedJobZip.SIGNATURE_FILE),
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

    private static KitCredentials kit(Path startup) throws Exception {
        Files.createDirectories(startup);
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        return KitCredentials.load(startup);
    }
}
