package io.jenkins.plugins.nvflare.client.f3;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 {@code RSAPrivateKey} (what NVFlare kits hold: "BEGIN RSA PRIVATE KEY", written by
 * lighter with TraditionalOpenSSL format) into a PKCS#8 {@code PrivateKeyInfo}, the only private-key
 * encoding the JDK's KeyFactory reads. Saves a dependency on BouncyCastle for ~20 bytes of DER.
 */
final class Pkcs8 {
    /** version INTEGER 0, then AlgorithmIdentifier SEQUENCE { rsaEncryption 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] VERSION_AND_RSA_ALGORITHM = {
        0x02, 0x01, 0x00,
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private Pkcs8() {}

    static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        octets.write(0x04);
        writeLength(octets, pkcs1.length);
        octets.writeBytes(pkcs1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, VERSION_AND_RSA_ALGORITHM.length + octets.size());
        out.writeBytes(VERSION_AND_RSA_ALGORITHM);
        out.writeBytes(octets.toByteArray());
        return out.toByteArray();
    }

    /** DER definite length: short form below 128, else 0x80|n followed by n big-endian bytes. */
    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((length >>> shift) & 0xff);
        }
    }
}
