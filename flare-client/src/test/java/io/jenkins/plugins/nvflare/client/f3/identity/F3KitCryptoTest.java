package io.jenkins.plugins.nvflare.client.f3.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F3KitCryptoTest {

    // The PEM and PKCS#8 encodings themselves are tested with the kit check, in kit.KitPemTest.

    @Test
    void pkcs1AndPkcs8FilesGiveTheSameKey() throws Exception {
        PrivateKey fromPkcs1 = KitCrypto.privateKey(F3Fixtures.text("admin-2048.key"), "a");
        PrivateKey fromPkcs8 = KitCrypto.privateKey(F3Fixtures.text("admin-2048.pkcs8.key"), "b");
        assertEquals("RSA", fromPkcs1.getAlgorithm());
        assertArrayEquals(fromPkcs8.getEncoded(), fromPkcs1.getEncoded());
    }

    @Test
    void readsCertificatesAndTheirCommonNames() throws Exception {
        X509Certificate admin = KitCrypto.certificate(F3Fixtures.text("admin-2048.crt"), "client.crt");
        assertEquals("admin@nvidia.com", KitCrypto.commonName(admin));
        List<X509Certificate> chain = KitCrypto.certificates(
                F3Fixtures.text("admin-2048.crt") + F3Fixtures.text("server-3072.crt"), "rootCA.pem");
        assertEquals(2, chain.size());
        assertEquals("server", KitCrypto.commonName(chain.get(1)));
    }

    @Test
    void badKeyFilesGiveKitInvalidNamingTheFile() {
        assertUnusable(
                () -> KitCrypto.privateKey(F3Fixtures.text("admin-2048.crt"), "startup/client.key"),
                "startup/client.key has no private key");
        assertUnusable(
                () -> KitCrypto.privateKey(
                        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "startup/client.key"),
                "startup/client.key is not a valid RSA private key");
        assertUnusable(
                () -> KitCrypto.privateKey(
                        "-----BEGIN RSA PRIVATE KEY-----\n%%%%\n-----END RSA PRIVATE KEY-----\n", "startup/client.key"),
                "startup/client.key is not valid PEM");
        String encrypted =
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                        + "AAAA\n-----END RSA PRIVATE KEY-----\n";
        assertUnusable(() -> KitCrypto.privateKey(encrypted, "startup/client.key"), "encrypted private key");
        assertUnusable(
                () -> KitCrypto.certificate(F3Fixtures.text("admin-2048.key"), "startup/rootCA.pem"),
                "startup/rootCA.pem has no certificate");
        assertUnusable(
                () -> KitCrypto.certificate(
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "startup/client.crt"),
                "startup/client.crt holds an invalid certificate");
    }

    @Test
    void theNativeTransportRefusesAnEcKey() throws Exception {
        String ec;
        try (InputStream in = F3KitCryptoTest.class.getResourceAsStream("/kit/ec-p256.key")) {
            ec = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertKitInvalid(
                () -> KitCrypto.privateKey(ec, "startup/client.key"),
                "startup/client.key holds an EC key; NVFlare's login signs with RSA-PSS");
    }

    @Test
    void loadsAKitStartupFolder(@TempDir Path startup) throws Exception {
        write(startup, "client.crt", "admin-2048.crt");
        write(startup, "client.key", "admin-2048.key");
        write(startup, "rootCA.pem", "server-3072.crt");

        AdminIdentity creds = AdminIdentity.load(startup);

        assertEquals("admin@nvidia.com", creds.commonName());
        assertArrayEquals(F3Fixtures.bytes("admin-2048.crt"), creds.certificatePem());
        assertEquals(1, creds.rootCertificates().size());
        byte[] sig = PssSignatures.sign(creds.privateKey(), creds.commonName());
        assertTrue(PssSignatures.verify(creds.certificate().getPublicKey(), "admin@nvidia.com".getBytes(), sig));
    }

    @Test
    void keyFromAnotherKitIsRejected(@TempDir Path startup) throws Exception {
        write(startup, "client.crt", "admin-2048.crt");
        write(startup, "client.key", "server-3072.key");
        write(startup, "rootCA.pem", "server-3072.crt");
        assertUnusable(() -> AdminIdentity.load(startup), "startup/client.key does not belong to startup/client.crt");
    }

    @Test
    void missingFileIsNamed(@TempDir Path startup) throws Exception {
        write(startup, "client.crt", "admin-2048.crt");
        write(startup, "client.key", "admin-2048.key");
        assertUnusable(() -> AdminIdentity.load(startup), "cannot read startup/rootCA.pem");
    }

    private static void write(Path dir, String name, String fixture) throws Exception {
        Files.write(dir.resolve(name), F3Fixtures.bytes(fixture));
    }

    private interface Call {
        void run() throws FlareException;
    }

    /** A key the native login cannot sign with (not RSA): the native transport's own limit. */
    private static void assertKitInvalid(Call call, String expected) {
        FlareException e = assertThrows(FlareException.class, call::run);
        assertEquals(ErrorCodes.KIT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    /** TLS material the connection cannot use: CONNECTION_FAILED, exit 2, the CLI's code (kit.KitReader). */
    private static void assertUnusable(Call call, String expected) {
        FlareException e = assertThrows(FlareException.class, call::run);
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
