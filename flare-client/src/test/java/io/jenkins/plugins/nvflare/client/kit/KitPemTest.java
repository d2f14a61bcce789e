package io.jenkins.plugins.nvflare.client.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The PEM reading shared by the kit check and the native transport, on files OpenSSL made (the f3
 * fixtures: RSA as NVFlare provisions it; kit/: EC, see the README there).
 */
class KitPemTest {

    /** Known vector: our PKCS#1 → PKCS#8 wrapping is byte-identical to `openssl pkcs8 -topk8 -nocrypt`. */
    @Test
    void wrapsPkcs1ExactlyLikeOpenssl() {
        byte[] pkcs1 = PemBlock.parse(text("/f3/admin-2048.key")).get(0).der();
        byte[] opensslPkcs8 =
                PemBlock.parse(text("/f3/admin-2048.pkcs8.key")).get(0).der();
        assertArrayEquals(opensslPkcs8, Pkcs8.wrapRsa(pkcs1));
        assertEquals("RSA", Pkcs8.algorithm(opensslPkcs8));
    }

    @Test
    void derLengthsUseShortAndLongForms() {
        assertEquals("7f", hex(length(127)));
        assertEquals("81 80", hex(length(128)));
        assertEquals("82 01 00", hex(length(256)));
        assertEquals("83 01 00 00", hex(length(65536)));
    }

    @Test
    void readsRsaKeysInPkcs1AndPkcs8() throws Exception {
        PrivateKey fromPkcs1 = KitPem.privateKey(text("/f3/admin-2048.key"), "a");
        PrivateKey fromPkcs8 = KitPem.privateKey(text("/f3/admin-2048.pkcs8.key"), "b");
        assertEquals("RSA", fromPkcs1.getAlgorithm());
        assertArrayEquals(fromPkcs8.getEncoded(), fromPkcs1.getEncoded());
    }

    @Test
    void readsEcKeysInSec1AndPkcs8() throws Exception {
        ECPrivateKey fromSec1 = (ECPrivateKey) KitPem.privateKey(text("/kit/ec-p256.key"), "a");
        ECPrivateKey fromPkcs8 = (ECPrivateKey) KitPem.privateKey(text("/kit/ec-p256.pkcs8.key"), "b");
        assertEquals("EC", fromSec1.getAlgorithm());
        assertEquals(fromPkcs8.getS(), fromSec1.getS());
        assertEquals(fromPkcs8.getParams().getCurve(), fromSec1.getParams().getCurve());
        assertEquals(
                "EC",
                Pkcs8.algorithm(
                        PemBlock.parse(text("/kit/ec-p256.pkcs8.key")).get(0).der()));
    }

    @Test
    void aKeyBelongsToItsOwnCertificateOnly() throws Exception {
        X509Certificate rsaCert = KitPem.certificate(text("/f3/admin-2048.crt"), "client.crt");
        X509Certificate ecCert = KitPem.certificate(text("/kit/ec-p256.crt"), "client.crt");
        PrivateKey rsa = KitPem.privateKey(text("/f3/admin-2048.key"), "client.key");
        PrivateKey rsaPkcs8 = KitPem.privateKey(text("/f3/admin-2048.pkcs8.key"), "client.key");
        PrivateKey otherRsa = KitPem.privateKey(text("/f3/server-3072.key"), "client.key");
        PrivateKey ec = KitPem.privateKey(text("/kit/ec-p256.key"), "client.key");
        PrivateKey ecPkcs8 = KitPem.privateKey(text("/kit/ec-p256.pkcs8.key"), "client.key");
        PrivateKey otherEc = KitPem.privateKey(text("/kit/ec-p256-other.key"), "client.key");

        assertTrue(KitPem.belongsTo(rsa, rsaCert.getPublicKey()));
        assertTrue(KitPem.belongsTo(rsaPkcs8, rsaCert.getPublicKey()));
        assertTrue(KitPem.belongsTo(ec, ecCert.getPublicKey()));
        assertTrue(KitPem.belongsTo(ecPkcs8, ecCert.getPublicKey()));
        assertFalse(KitPem.belongsTo(otherRsa, rsaCert.getPublicKey()), "another RSA key");
        assertFalse(KitPem.belongsTo(otherEc, ecCert.getPublicKey()), "another key on the same curve");
        assertFalse(KitPem.belongsTo(ec, rsaCert.getPublicKey()), "EC key, RSA certificate");
        assertFalse(KitPem.belongsTo(rsa, ecCert.getPublicKey()), "RSA key, EC certificate");
    }

    @Test
    void aMismatchNamesBothFilesAndHowToFixIt() throws Exception {
        X509Certificate cert = KitPem.certificate(text("/f3/admin-2048.crt"), "client.crt");
        KitPem.requireMatchingPair(KitPem.privateKey(text("/f3/admin-2048.key"), "client.key"), cert);
        FlareException e = assertThrows(
                FlareException.class,
                () -> KitPem.requireMatchingPair(KitPem.privateKey(text("/f3/server-3072.key"), "client.key"), cert));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertEquals(
                "startup/client.key does not belong to startup/client.crt: the private key is not the one the "
                        + "certificate was issued for, so TLS with the FLARE server cannot be set up.",
                e.getMessage());
        assertTrue(e.hint().contains("same admin startup kit"), e.hint());
    }

    @Test
    void badKeyFilesGiveConnectionFailedNamingTheFile() {
        assertUnusable(
                () -> KitPem.privateKey(text("/f3/admin-2048.crt"), "startup/client.key"),
                "startup/client.key has no private key (expected -----BEGIN RSA PRIVATE KEY-----)");
        assertUnusable(
                () -> KitPem.privateKey(
                        "-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n", "startup/client.key"),
                "startup/client.key is not a valid EC private key: the EC key does not name its curve");
        assertUnusable(
                () -> KitPem.privateKey(
                        "-----BEGIN EC PRIVATE KEY-----\nMAM=\n-----END EC PRIVATE KEY-----\n", "startup/client.key"),
                "startup/client.key is not a valid EC private key: DER element at byte 0 runs past the end");
        // PrivateKeyInfo of an Ed25519 key (RFC 8410 example)
        String ed25519 =
                "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        assertUnusable(
                () -> KitPem.privateKey(ed25519, "startup/client.key"),
                "startup/client.key holds neither an RSA nor an EC private key");
        String encrypted =
                "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                        + "AAAA\n-----END EC PRIVATE KEY-----\n";
        assertUnusable(() -> KitPem.privateKey(encrypted, "startup/client.key"), "encrypted private key");
    }

    private interface Call {
        void run() throws FlareException;
    }

    private static void assertUnusable(Call call, String expected) {
        FlareException e = assertThrows(FlareException.class, call::run);
        // the CLI's TLS setup fails on such a file: CONNECTION_FAILED, exit 2
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(ExitCodes.CONNECTION_OR_KIT, e.exitCode());
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    private static byte[] length(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pkcs8.writeLength(out, n);
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String text(String resource) {
        try (InputStream in = KitPemTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
