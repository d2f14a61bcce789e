package io.jenkins.plugins.nvflare.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds admin startup kits shaped like FLARE's provisioned ones (capture
 * {@code 90-admin-kit-layout.txt}: {@code startup/fed_admin.json}, {@code client.crt} with CN =
 * user, O = org, unstructuredName = role, {@code client.key}, {@code rootCA.pem}) with a fresh
 * self-signed RSA-2048 certificate from the JDK's {@code keytool}, so tests control the expiry.
 * The subject is encoded as NVFlare's provisioning writes it ({@code nvflare/lighter/utils.py
 * x509_name}: CN, O, unstructuredName in that order, each a UTF8String), and {@code client.key} is
 * PKCS#1 ("BEGIN RSA PRIVATE KEY", lighter's TraditionalOpenSSL format) unless asked otherwise.
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

    /** The role NVFlare writes into the project admin's certificate (capture 90-admin-kit-layout.txt). */
    public static final String PROJECT_ADMIN = "project_admin";

    /** How {@code startup/client.key} is written. */
    public enum KeyFormat {
        /** "BEGIN RSA PRIVATE KEY", as NVFlare writes it. */
        PKCS1,
        /** "BEGIN PRIVATE KEY". */
        PKCS8
    }

    private TestKits() {}

    /**
     * Writes an admin kit folder {@code parent/<username>/} for a project admin whose certificate
     * became valid {@code startDaysAgo} days ago and stays valid for {@code validityDays} days.
     */
    public static Path writeAdminKit(Path parent, String username, int startDaysAgo, int validityDays)
            throws IOException {
        return writeKit(parent, username, PROJECT_ADMIN, KeyFormat.PKCS1, startDaysAgo, validityDays);
    }

    /**
     * Writes a kit folder {@code parent/<cn>/} shaped like an admin kit whose certificate has subject
     * CN = {@code cn}, O = nvidia and, unless {@code role} is null, unstructuredName = {@code role}.
     */
    public static Path writeKit(
            Path parent, String cn, String role, KeyFormat keyFormat, int startDaysAgo, int validityDays)
            throws IOException {
        Path kit = parent.resolve(cn);
        Path startup = Files.createDirectories(kit.resolve("startup"));
        Files.createDirectories(kit.resolve("local"));
        Files.createDirectories(kit.resolve("transfer"));
        Pem pem = selfSigned(dname(cn, "nvidia", role), keyFormat, startDaysAgo, validityDays, parent);
        Files.writeString(startup.resolve("fed_admin.json"), FED_ADMIN_JSON);
        Files.writeString(startup.resolve("client.crt"), pem.certificate());
        Files.writeString(startup.resolve("client.key"), pem.privateKey());
        Files.writeString(startup.resolve("rootCA.pem"), pem.certificate());
        Files.writeString(startup.resolve("fl_admin.sh"), "#!/usr/bin/env bash\n");
        Files.writeString(kit.resolve("local/resources.json.default"), "{\"format_version\": 1}\n");
        return kit;
    }

    /**
     * An admin kit folder {@code parent/<site>/} (startup/fed_admin.json and all) that holds a site's
     * certificate and its key: CN = {@code site}, and {@code role} {@code "client"} as {@code nvflare
     * cert} writes it, or null as {@code nvflare provision} writes it (no role).
     */
    public static Path writeKitWithSiteCertificate(Path parent, String site, String role) throws IOException {
        return writeKit(parent, site, role, KeyFormat.PKCS1, 1, 365);
    }

    /**
     * Replaces the kit's {@code startup/client.key} with the key of a new RSA-2048 key pair (PKCS#1):
     * a key that does not belong to {@code client.crt}, as when the files of two kits are mixed.
     */
    public static void replaceKeyWithForeignKey(Path kit) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            Files.writeString(kit.resolve("startup/client.key"), pem("RSA PRIVATE KEY", pkcs1(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The zip of a kit folder, the kit in its top folder as {@code zip -r kit.zip admin@nvidia.com} makes it. */
    public static byte[] zipKit(Path kit) throws IOException {
        return zip(kit.getParent(), List.of(kit));
    }

    /** An admin kit zip with the kit in one top folder, as {@code zip -r kit.zip admin@nvidia.com} makes it. */
    public static byte[] adminKitZip(Path scratch, String username, int startDaysAgo, int validityDays)
            throws IOException {
        return zipKit(writeAdminKit(Files.createTempDirectory(scratch, "kit"), username, startDaysAgo, validityDays));
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

    /**
     * A keytool {@code -dname} giving NVFlare's subject: keytool lists the RDNs most significant last
     * (RFC 2253), so in reverse; the values are hex DER UTF8Strings, because keytool would otherwise
     * pick PrintableString for some (O=nvidia, a role such as lead).
     */
    private static String dname(String cn, String org, String role) {
        String dname = "O=" + utf8String(org) + ", CN=" + utf8String(cn);
        return role == null ? dname : "OID.1.2.840.113549.1.9.2=" + utf8String(role) + ", " + dname;
    }

    private static String utf8String(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 127) {
            throw new IllegalArgumentException("subject value too long for a test kit: " + value);
        }
        return "#0c" + HexFormat.of().toHexDigits((byte) bytes.length)
                + HexFormat.of().formatHex(bytes);
    }

    private static Pem selfSigned(String dname, KeyFormat keyFormat, int startDaysAgo, int validityDays, Path scratch)
            throws IOException {
        Path store = Files.createTempDirectory(scratch, "ks").resolve("kit.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "admin",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        dname,
                        "-startdate",
                        "-" + startDaysAgo + "d",
                        "-validity",
                        String.valueOf(validityDays),
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit")
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
            String keyPem = keyFormat == KeyFormat.PKCS1
                    ? pem("RSA PRIVATE KEY", pkcs1(key.getEncoded()))
                    : pem("PRIVATE KEY", key.getEncoded());
            return new Pem(pem("CERTIFICATE", cert.getEncoded()), keyPem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            deleteTree(store.getParent());
        }
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING { here } }. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int version = contentStart(pkcs8, 0);
        int octets = contentEnd(pkcs8, contentEnd(pkcs8, version)); // past the version and the AlgorithmIdentifier
        return Arrays.copyOfRange(pkcs8, contentStart(pkcs8, octets), contentEnd(pkcs8, octets));
    }

    private static int contentStart(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    private static int contentEnd(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
        }
        return contentStart(der, at) + length;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
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
