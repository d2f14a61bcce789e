package io.jenkins.plugins.nvflare.client.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kits are shaped like the captured POC admin kit (90-admin-kit-layout.txt), built by {@link TestKits}. */
class StartupKitTest {

    @TempDir
    Path tmp;

    private Path temp() throws IOException {
        return Files.createDirectories(tmp.resolve("agent-tmp"));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("agent-tmp"))) {
            return s.toList();
        }
    }

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Test
    void materialisesAZippedAdminKitPrivatelyAndDeletesItOnClose() throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp);
        Path kitDir;
        try (MaterializedKit kit = StartupKit.materialize(zip, temp(), Instant.now())) {
            kitDir = kit.kitDir();
            AdminKitInfo info = kit.info();
            assertEquals("admin@nvidia.com", info.username());
            assertEquals("nvidia", info.org());
            assertEquals("project_admin", info.role());
            assertEquals("example_project", info.projectName());
            assertEquals("server", info.serverIdentity());
            assertEquals("http", info.scheme());
            assertEquals("localhost", info.host());
            assertEquals(8002, info.port());
            assertEquals(List.of(), kit.warnings());
            assertTrue(Files.isRegularFile(kitDir.resolve("startup/fed_admin.json")));
            assertEquals("admin@nvidia.com", kitDir.getFileName().toString());
            if (POSIX) {
                assertEquals(
                        "rw-------",
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(kitDir.resolve("startup/client.key"))));
                assertEquals(
                        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kitDir.getParent())));
            }
            assertEquals(1, leftovers().size());
        }
        assertFalse(Files.exists(kitDir));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void acceptsAKitAtTheZipRoot() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "lead@nvidia.com", 1, 365);
        byte[] zip;
        try (Stream<Path> children = Files.list(kit)) {
            zip = TestKits.zip(kit, children.toList());
        }
        try (MaterializedKit m = StartupKit.materialize(zip, temp(), Instant.now())) {
            assertEquals("lead@nvidia.com", m.info().username());
            assertTrue(Files.isDirectory(m.kitDir().resolve("startup")));
        }
    }

    @Test
    void warnsWhenTheCertificateExpiresWithin30Days() throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "admin@nvidia.com", 1, 11);
        try (MaterializedKit kit = StartupKit.materialize(zip, temp(), Instant.now())) {
            assertEquals(CertStatus.EXPIRING_SOON, kit.info().certStatus(Instant.now()));
            assertEquals(1, kit.warnings().size());
            assertTrue(
                    kit.warnings().get(0).contains("expires in 9 days"),
                    kit.warnings().get(0));
        }
    }

    @Test
    void refusesAnExpiredCertificateAndLeavesNothing() throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "admin@nvidia.com", 10, 5);
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        // the CLI's code: the server's TLS refuses the expired certificate, the connection never comes up
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(e.getMessage().contains("admin@nvidia.com expired on"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    /** kit_config.py classify_startup_kit: without fed_admin.json, client.crt or rootCA.pem it is no admin kit. */
    @Test
    void namesMissingKitFilesAndLeavesNothing() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        Files.delete(kit.resolve("startup/fed_admin.json"));
        Files.delete(kit.resolve("startup/rootCA.pem"));
        byte[] zip = TestKits.zip(tmp, List.of(kit));
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("Startup kit not found. \u2014 path is not a valid startup kit: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(missing startup/fed_admin.json, startup/rootCA.pem)"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    /** The CLI does not look for client.key before TLS needs it: the connection never comes up. */
    @Test
    void aMissingKeyIsConnectionFailed() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        Files.delete(kit.resolve("startup/client.key"));
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(e.getMessage().startsWith("startup/client.key is missing"), e.getMessage());
    }

    @Test
    void recognisesAServerKit() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "server", 1, 365);
        Files.move(kit.resolve("startup/fed_admin.json"), kit.resolve("startup/fed_server.json"));
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        assertTrue(
                e.getMessage().startsWith("Startup kit not found. \u2014 path is not an admin startup kit: " + kit),
                e.getMessage());
        assertTrue(e.getMessage().contains("server startup kit"), e.getMessage());
        assertTrue(e.hint().contains("not a server or site kit"), e.hint());
    }

    @Test
    void aFolderThatIsNoKitIsStartupKitMissing() throws Exception {
        Path nope = tmp.resolve("nope");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspect(nope));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        assertEquals("Startup kit not found. \u2014 startup kit path does not exist: " + nope, e.getMessage());
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificateOnSaveAndAtBuildTime() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        TestKits.replaceKeyWithForeignKey(kit);
        byte[] zip = TestKits.zipKit(kit);
        FlareException onSave = assertThrows(FlareException.class, () -> StartupKit.inspectZip(zip, temp()));
        FlareException atBuild =
                assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        for (FlareException e : List.of(onSave, atBuild)) {
            // the CLI's code for it (captures README): TLS cannot use the pair, the connection never comes up
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
            assertEquals(
                    "startup/client.key does not belong to startup/client.crt: the private key is not the one "
                            + "the certificate was issued for, so TLS with the FLARE server cannot be set up.",
                    e.getMessage());
            assertTrue(e.hint().contains("Take client.key and client.crt from the same admin startup kit"), e.hint());
        }
        assertEquals(List.of(), leftovers());
        assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
    }

    @Test
    void refusesASiteCertificateInAnAdminKit() throws Exception {
        // nvflare cert writes the role "client" into a site's certificate
        byte[] zip = TestKits.zipKit(TestKits.writeKitWithSiteCertificate(tmp, "site-1", "client"));
        FlareException onSave = assertThrows(FlareException.class, () -> StartupKit.inspectZip(zip, temp()));
        FlareException atBuild =
                assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        for (FlareException e : List.of(onSave, atBuild)) {
            // the CLI's code: the server refuses the login or every command of a user without an admin role
            assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
            assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
            assertEquals(
                    "The certificate in startup/client.crt is site-1's (role client), not an admin's (project_admin, "
                            + "org_admin, lead or member): a site's or the server's certificate cannot run job commands, even in "
                            + "a kit with startup/fed_admin.json.",
                    e.getMessage());
            assertTrue(e.hint().contains("not a server or site kit"), e.hint());
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesTheServerCertificateWhateverTheCaseOfItsRole() throws Exception {
        // FLARE's authorization compares roles in lower case, so "Server" is the server's role too
        Path kit = TestKits.writeKit(tmp, "server", "Server", TestKits.KeyFormat.PKCS1, 1, 365);
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertTrue(
                e.getMessage()
                        .startsWith("The certificate in startup/client.crt is server's (role Server), not an admin's"),
                e.getMessage());
    }

    @Test
    void refusesACertificateWithoutRole() throws Exception {
        // nvflare provision writes no role into the certificates of sites, the server and relays
        byte[] zip = TestKits.zipKit(TestKits.writeKitWithSiteCertificate(tmp, "site-1", null));
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspectZip(zip, temp()));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertEquals(
                "The certificate in startup/client.crt (site-1) has no role, so it is not an admin's: NVFlare writes "
                        + "the user's role (project_admin, org_admin, lead or member) into every admin certificate, and a site's, "
                        + "the server's or a relay's certificate from nvflare provision has none.",
                e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void acceptsAdminKitsOfEveryRoleWithPkcs1AndPkcs8Keys() throws Exception {
        Object[][] kits = {
            {"admin@nvidia.com", "project_admin", TestKits.KeyFormat.PKCS8},
            {"org-admin@nvidia.com", "org_admin", TestKits.KeyFormat.PKCS1},
            {"lead@nvidia.com", "lead", TestKits.KeyFormat.PKCS1},
            {"member@nvidia.com", "member", TestKits.KeyFormat.PKCS8},
            // lighter accepts a role of the project's own authorization policy (with a warning)
            {"auditor@nvidia.com", "auditor", TestKits.KeyFormat.PKCS1},
        };
        for (Object[] k : kits) {
            Path kit = TestKits.writeKit(tmp, (String) k[0], (String) k[1], (TestKits.KeyFormat) k[2], 1, 365);
            String keyHeader =
                    Files.readAllLines(kit.resolve("startup/client.key")).get(0);
            assertEquals(
                    k[2] == TestKits.KeyFormat.PKCS1
                            ? "-----BEGIN RSA PRIVATE KEY-----"
                            : "-----BEGIN PRIVATE KEY-----",
                    keyHeader);
            AdminKitInfo info = StartupKit.inspectZip(TestKits.zipKit(kit), temp());
            assertEquals(k[0], info.username());
            assertEquals(k[1], info.role());
            assertEquals(k[0] + " (" + k[1] + ") -> http://localhost:8002, project example_project", info.describe());
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void testKitsCarryTheSubjectAndKeyFormatNvflareWrites() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        X509Certificate ours = KitPem.certificate(Files.readString(kit.resolve("startup/client.crt")), "client.crt");
        // made by openssl with the subject of the captured kit (90-admin-kit-layout.txt), encoded as NVFlare does
        X509Certificate openssl;
        try (InputStream in = StartupKitTest.class.getResourceAsStream("/f3/admin-2048.crt")) {
            openssl = KitPem.certificate(new String(in.readAllBytes(), StandardCharsets.US_ASCII), "admin-2048.crt");
        }
        assertArrayEquals(
                openssl.getSubjectX500Principal().getEncoded(),
                ours.getSubjectX500Principal().getEncoded());
        assertEquals(
                "-----BEGIN RSA PRIVATE KEY-----",
                Files.readAllLines(kit.resolve("startup/client.key")).get(0));
    }

    @Test
    void refusesAZipSlipEntry() throws Exception {
        byte[] zip = zipOf("admin/startup/fed_admin.json", "{}", "../../escaped.txt", "owned");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertFalse(Files.exists(tmp.resolve("agent-tmp/escaped.txt")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesAbsoluteEntries() throws Exception {
        byte[] zip = zipOf("/tmp/abs.txt", "x");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesSymbolicLinkEntries() throws Exception {
        byte[] zip = markSymlink(zipOf("admin/startup/client.key", "/etc/shadow"), "admin/startup/client.key");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesAZipBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("admin/startup/fed_admin.json"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i <= SafeZip.MAX_TOTAL_BYTES / zeros.length; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(bytes.size() < 1024 * 1024, "the bomb is small");
        FlareException e = assertThrows(
                FlareException.class, () -> StartupKit.materialize(bytes.toByteArray(), temp(), Instant.now()));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().contains("MiB"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i <= SafeZip.MAX_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("d" + i + "/"));
                zip.closeEntry();
            }
        }
        FlareException e = assertThrows(
                FlareException.class, () -> StartupKit.materialize(bytes.toByteArray(), temp(), Instant.now()));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesSomethingThatIsNotAZip() throws Exception {
        for (byte[] junk : new byte[][] {"definitely not a zip".getBytes(StandardCharsets.UTF_8), new byte[0]}) {
            FlareException e =
                    assertThrows(FlareException.class, () -> StartupKit.materialize(junk, temp(), Instant.now()));
            assertEquals(ErrorCodes.KIT_INVALID, e.errorCode());
            assertTrue(e.hint().contains("zip"), e.hint());
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void refusesAZipWithoutStartupFolder() throws Exception {
        byte[] zip = zipOf("a/readme.txt", "x", "b/readme.txt", "y");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.materialize(zip, temp(), Instant.now()));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        assertTrue(e.getMessage().contains("no startup/ folder"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    /** Each with the code the CLI gives it (KitReader names the sources). */
    @Test
    void refusesAnAdminConfigWithoutServerAddress() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        Files.writeString(kit.resolve("startup/fed_admin.json"), "{\"admin\": {\"scheme\": \"http\"}}");
        FlareException e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertTrue(e.getMessage().contains("admin.host / admin.port"), e.getMessage());
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        Files.writeString(kit.resolve("startup/fed_admin.json"), "{ not json");
        e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
        Files.writeString(kit.resolve("startup/fed_admin.json"), "{\"format_version\": 1}");
        e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertTrue(e.getMessage().contains("no \"admin\" section"), e.getMessage());
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        Files.writeString(kit.resolve("startup/fed_admin.json"), TestKits.FED_ADMIN_JSON);
        Files.writeString(kit.resolve("startup/client.crt"), "not a certificate");
        e = assertThrows(FlareException.class, () -> StartupKit.inspect(kit));
        assertTrue(e.getMessage().contains("client.crt is not a PEM X.509 certificate"), e.getMessage());
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
    }

    @Test
    void inspectZipReadsAnExpiredKitAndKeepsNothing() throws Exception {
        byte[] zip = TestKits.adminKitZip(tmp, "old@nvidia.com", 10, 5);
        AdminKitInfo info = StartupKit.inspectZip(zip, temp());
        assertEquals("old@nvidia.com", info.username());
        assertEquals(CertStatus.EXPIRED, info.certStatus(Instant.now()));
        assertEquals(List.of(), leftovers());
        FlareException e =
                assertThrows(FlareException.class, () -> StartupKit.inspectZip(zipOf("a/b.txt", "x"), temp()));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
    }

    @Test
    void useDirectoryLeavesAnExistingKitInPlace() throws Exception {
        Path kit = TestKits.writeAdminKit(tmp, "admin@nvidia.com", 1, 365);
        try (MaterializedKit m = StartupKit.useDirectory(kit, Instant.now())) {
            assertEquals(kit, m.kitDir());
        }
        assertTrue(Files.isRegularFile(kit.resolve("startup/client.key")));
        FlareException e =
                assertThrows(FlareException.class, () -> StartupKit.useDirectory(tmp.resolve("nope"), Instant.now()));
        assertEquals(ErrorCodes.STARTUP_KIT_MISSING, e.errorCode());
    }

    @Test
    void certStatusBoundaries() {
        Instant expiry = Instant.parse("2027-11-19T23:17:58Z"); // notAfter of the captured admin kit
        AdminKitInfo info = new AdminKitInfo(
                "admin@nvidia.com",
                "nvidia",
                "project_admin",
                "example_project",
                "server",
                "http",
                "localhost",
                8002,
                expiry);
        assertEquals(CertStatus.VALID, info.certStatus(expiry.minusSeconds(31L * 86_400)));
        assertEquals(CertStatus.EXPIRING_SOON, info.certStatus(expiry.minusSeconds(30L * 86_400)));
        assertEquals(CertStatus.EXPIRING_SOON, info.certStatus(expiry.minusSeconds(1)));
        assertEquals(CertStatus.EXPIRED, info.certStatus(expiry));
        assertEquals(30, info.daysUntilExpiry(expiry.minusSeconds(30L * 86_400)));
        assertEquals(
                "admin@nvidia.com (project_admin) -> http://localhost:8002, project example_project", info.describe());
    }

    private static byte[] zipOf(String... nameContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry(nameContent[i]));
                zip.write(nameContent[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Sets the Unix mode of an entry to a symbolic link, as {@code zip -y} writes it. */
    private static byte[] markSymlink(byte[] zip, String name) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (buf.getInt(i) == 0x02014b50
                    && Short.toUnsignedInt(buf.getShort(i + 28)) == nameBytes.length
                    && new String(zip, i + 46, nameBytes.length, StandardCharsets.UTF_8).equals(name)) {
                buf.putShort(i + 4, (short) (3 << 8 | 20)); // made by Unix
                buf.putInt(i + 38, 0120777 << 16);
                return zip;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }
}
