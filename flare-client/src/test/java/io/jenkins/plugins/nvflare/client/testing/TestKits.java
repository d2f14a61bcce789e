package io.jenkins.plugins.nvflare.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds admin startup kits shaped like FLARE's provisioned ones (capture
 * {@code 90-admin-kit-layout.txt}: {@code startup/fed_admin.json}, {@code client.crt} with CN =
 * user, O = org, unstructuredName = role, {@code client.key}, {@code rootCA.pem}) with a fresh
 * self-signed certificate from the JDK's {@code keytool}, so tests control the expiry.
 */
public final class TestKits {

    /** {@code startup/fed_admin.json} of the captured POC admin kit (capture 90-admin-kit-layout.txt). */
    public static final String FED_ADMIN_JSON = """
            {
              "format_version": 1,
              "admin": {
                "project_name": "example_project",
                "username": "",
                "server_identity": "server",
                "scheme": "http",
                "host": "localhost",
                "port": 8002,
                "connection_security": "mtls",
                "uid_source": "cert",
                "with_file_transfer": true,
                "upload_dir": "transfer",
                "download_dir": "transfer",
                "client_key": "client.key",
                "client_cert": "client.crt",
                "ca_cert": "rootCA.pem"
              }
            }
            """;

    private TestKits() {}

    /**
     * Writes an admin kit folder {@code parent/<username>/} whose certificate became valid
     * {@code startDaysAgo} days ago and stays valid for {@code validityDays} days.
     */
    public static Path writeAdminKit(Path parent, String username, int startDaysAgo, int validityDays) throws IOException {
        Path kit = parent.resolve(username);
        Path startup = Files.createDirectories(kit.resolve("startup"));
        Files.createDirectories(kit.resolve("local"));
        Files.createDirectories(kit.resolve("transfer"));
        Pem pem = selfSigned("CN=" + username + ", O=nvidia, OID.1.2.840.113549.1.9.2=project_admin", startDaysAgo, validityDays, parent);
        Files.writeString(startup.resolve("fed_admin.json"), FED_ADMIN_JSON);
        Files.writeString(startup.resolve("client.crt"), pem.certificate());
        Files.writeString(startup.resolve("client.key"), pem.privateKey());
        Files.writeString(startup.resolve("rootCA.pem"), pem.certificate());
        Files.writeString(startup.resolve("fl_admin.sh"), "#!/usr/bin/env bash\n");
        Files.writeString(kit.resolve("local/resources.json.default"), "{\"format_version\": 1}\n");
        return kit;
    }

    /** An admin kit zip with the kit in one top folder, as {@code zip -r kit.zip admin@nvidia.com} makes it. */
    public static byte[] adminKitZip(Path scratch, String username, int startDaysAgo, int validityDays) throws IOException {
        Path kit = writeAdminKit(Files.createTempDirectory(scratch, "kit"), username, startDaysAgo, validityDays);
        return zip(kit.getParent(), List.of(kit));
    }

    /** A valid admin kit zip for {@code admin@nvidia.com}, valid for a year. */
    public static byte[] adminKitZip(Path scratch) throws IOException {
        return adminKitZip(scratch, "admin@nvidia.com", 1, 365);
    }

    /** Zips the given files and folders (recursively, with directory entries) relative to {@code base}. */
    public static byte[] zip(Path base, List<Path> roots) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path root : roots) {
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
                        String name = base.relativize(p).toString().replace('\\', '/');
                        if (Files.isDirectory(p)) {
                            zip.putNextEntry(new ZipEntry(name + "/"));
                        } else {
                            zip.putNextEntry(new ZipEntry(name));
                            Files.copy(p, zip);
                        }
                        zip.closeEntry();
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private record Pem(String certificate, String privateKey) {}

    private static Pem selfSigned(String dname, int startDaysAgo, int validityDays, Path scratch) throws IOException {
        Path store = Files.createTempDirectory(scratch, "ks").resolve("kit.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "admin", "-keyalg", "RSA", "-keysize", "2048",
                        "-dname", dname, "-startdate", "-" + startDaysAgo + "d", "-validity", String.valueOf(validityDays),
                        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            Certificate cert = ks.getCertificate("admin");
            PrivateKey key = (PrivateKey) ks.getKey("admin", "changeit".toCharArray());
            return new Pem(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            deleteTree(store.getParent());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
