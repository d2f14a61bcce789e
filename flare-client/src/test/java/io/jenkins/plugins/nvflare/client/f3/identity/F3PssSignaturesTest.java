package io.jenkins.plugins.nvflare.client.f3.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class F3PssSignaturesTest {

    /** Known vector: OpenSSL's RSA-PSS (SHA-256, MGF1-SHA-256, salt max) over the admin CN verifies in Java. */
    @Test
    void verifiesOpensslSignatureOfTheCommonName() throws Exception {
        PublicKey admin = cert("admin-2048.crt");
        assertTrue(
                PssSignatures.verify(admin, F3Fixtures.bytes("cn-content.txt"), F3Fixtures.bytes("admin-2048-cn.sig")));
    }

    @Test
    void verifiesOpensslSignatureWithA3072BitKey() throws Exception {
        PublicKey server = cert("server-3072.crt");
        assertTrue(PssSignatures.verify(
                server, F3Fixtures.bytes("server-nonce-content.txt"), F3Fixtures.bytes("server-3072-nonce.sig")));
    }

    /** NVFlare verifies with PSS.MAX_LENGTH, so a signature with a 32-byte salt must not pass. */
    @Test
    void signatureWithAnotherSaltLengthIsRejected() throws Exception {
        assertFalse(PssSignatures.verify(
                cert("admin-2048.crt"),
                F3Fixtures.bytes("cn-content.txt"),
                F3Fixtures.bytes("admin-2048-cn-salt32.sig")));
    }

    @Test
    void wrongKeyWrongContentOrDamagedSignatureFail() throws Exception {
        byte[] content = F3Fixtures.bytes("cn-content.txt");
        byte[] sig = F3Fixtures.bytes("admin-2048-cn.sig");
        assertFalse(PssSignatures.verify(cert("server-3072.crt"), content, sig), "other key");
        assertFalse(
                PssSignatures.verify(cert("admin-2048.crt"), "admin@nvidia.org".getBytes(StandardCharsets.UTF_8), sig));
        byte[] flipped = sig.clone();
        flipped[100] ^= 1;
        assertFalse(PssSignatures.verify(cert("admin-2048.crt"), content, flipped), "flipped bit");
        assertFalse(PssSignatures.verify(cert("admin-2048.crt"), content, Arrays.copyOf(sig, 255)), "short signature");
    }

    @Test
    void javaSignatureOverCnPlusNonceVerifiesAndIsSalted() throws Exception {
        PrivateKey key = KitCrypto.privateKey(F3Fixtures.text("admin-2048.key"), "admin-2048.key");
        String content = "admin@nvidia.com" + "0f8fad5b-d9cb-469f-a165-70867728950e";
        byte[] a = PssSignatures.sign(key, content);
        byte[] b = PssSignatures.sign(key, content);
        assertEquals(256, a.length);
        assertFalse(Arrays.equals(a, b), "PSS uses a random salt");
        PublicKey pub = cert("admin-2048.crt");
        assertTrue(PssSignatures.verify(pub, content.getBytes(StandardCharsets.UTF_8), a));
        assertTrue(PssSignatures.verify(pub, content.getBytes(StandardCharsets.UTF_8), b));
    }

    /** Round trip through the kit format: a fresh key written as PKCS#1 PEM, read back, signs verifiably. */
    @Test
    void generatedKeyWrittenAsPkcs1PemSignsAndVerifies() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pkcs1Of(pair.getPrivate()))
                + "\n-----END RSA PRIVATE KEY-----\n";

        PrivateKey read = KitCrypto.privateKey(pem, "generated");
        assertEquals(((RSAKey) pair.getPrivate()).getModulus(), ((RSAKey) read).getModulus());
        byte[] sig = PssSignatures.sign(read, "hello");
        assertTrue(PssSignatures.verify(pair.getPublic(), "hello".getBytes(StandardCharsets.UTF_8), sig));
    }

    /** emLen = ceil((modBits-1)/8): a 2049-bit modulus still has 256-byte messages, so the salt stays 222. */
    @Test
    void maximumSaltFollowsTheModulusBitLength() throws Exception {
        assertEquals(222, PssSignatures.parametersFor(cert("admin-2048.crt")).getSaltLength());
        assertEquals(350, PssSignatures.parametersFor(cert("server-3072.crt")).getSaltLength());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2049);
        KeyPair odd = gen.generateKeyPair();
        assertEquals(2049, ((RSAKey) odd.getPublic()).getModulus().bitLength());
        assertEquals(222, PssSignatures.parametersFor(odd.getPublic()).getSaltLength());
        byte[] sig = PssSignatures.sign(odd.getPrivate(), "x");
        assertTrue(PssSignatures.verify(odd.getPublic(), "x".getBytes(StandardCharsets.UTF_8), sig));
    }

    @Test
    void nonRsaKeysAreRefused() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> PssSignatures.parametersFor(ec.getPublic()));
    }

    private static PublicKey cert(String name) throws Exception {
        return KitCrypto.certificate(F3Fixtures.text(name), name).getPublicKey();
    }

    /** The PKCS#1 body is the OCTET STRING at the end of the JDK's PKCS#8 encoding. */
    private static byte[] pkcs1Of(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        int i = 4 + 3 + 15; // SEQUENCE header (30 82 LL LL), version, algorithm identifier
        if (pkcs8[i] != 0x04) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        int lenBytes = pkcs8[i + 1] & 0x7f;
        int start = i + 2 + lenBytes;
        return Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }
}
