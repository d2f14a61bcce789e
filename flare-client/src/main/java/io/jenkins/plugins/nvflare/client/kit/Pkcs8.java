package io.jenkins.plugins.nvflare.client.kit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * PKCS#8 {@code PrivateKeyInfo}, the only private-key encoding the JDK's KeyFactory reads, from the
 * "traditional" encodings OpenSSL and NVFlare write: PKCS#1 {@code RSAPrivateKey} ("BEGIN RSA
 * PRIVATE KEY", what lighter writes with TraditionalOpenSSL format) and SEC1 {@code ECPrivateKey}
 * ("BEGIN EC PRIVATE KEY", the same format for an EC key). Saves a dependency on BouncyCastle for
 * ~20 bytes of DER.
 */
final class Pkcs8 {
    /** version INTEGER 0, then AlgorithmIdentifier SEQUENCE { rsaEncryption 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] VERSION_AND_RSA_ALGORITHM = {
        0x02,
        0x01,
        0x00,
        0x30,
        0x0d,
        0x06,
        0x09,
        0x2a,
        (byte) 0x86,
        0x48,
        (byte) 0x86,
        (byte) 0xf7,
        0x0d,
        0x01,
        0x01,
        0x01,
        0x05,
        0x00
    };
    /** rsaEncryption 1.2.840.113549.1.1.1, the OID's content bytes. */
    private static final byte[] RSA_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey 1.2.840.10045.2.1, the OID's content bytes. */
    private static final byte[] EC_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int SEQUENCE = 0x30;
    /** SEC1's {@code parameters [0] ECParameters}: the named curve. */
    private static final int EC_PARAMETERS = 0xa0;

    private Pkcs8() {}

    static byte[] wrapRsa(byte[] pkcs1) {
        return privateKeyInfo(VERSION_AND_RSA_ALGORITHM, pkcs1);
    }

    /**
     * Wraps a SEC1 {@code ECPrivateKey}; the curve comes from its {@code [0]} parameters, which
     * OpenSSL and Python's cryptography always write.
     *
     * @throws IllegalArgumentException when the DER is malformed or names no curve
     */
    static byte[] wrapEc(byte[] sec1) {
        Tlv key = Tlv.at(sec1, 0, SEQUENCE);
        byte[] curve = null;
        for (int at = key.start; at < key.end(); ) {
            Tlv field = Tlv.at(sec1, at, -1);
            if (field.tag == EC_PARAMETERS) {
                Tlv oid = Tlv.at(sec1, field.start, OID);
                curve = Arrays.copyOfRange(sec1, oid.offset, oid.end());
            }
            at = field.end();
        }
        if (curve == null) {
            throw new IllegalArgumentException("the EC key does not name its curve");
        }
        ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
        algorithm.write(OID);
        writeLength(algorithm, EC_OID.length);
        algorithm.writeBytes(EC_OID);
        algorithm.writeBytes(curve);

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(new byte[] {INTEGER, 0x01, 0x00});
        head.write(SEQUENCE);
        writeLength(head, algorithm.size());
        head.writeBytes(algorithm.toByteArray());
        return privateKeyInfo(head.toByteArray(), sec1);
    }

    /**
     * The JDK KeyFactory algorithm of a {@code PrivateKeyInfo}: "RSA", "EC", or null for any other.
     *
     * @throws IllegalArgumentException when the DER is malformed
     */
    static String algorithm(byte[] pkcs8) {
        Tlv info = Tlv.at(pkcs8, 0, SEQUENCE);
        Tlv version = Tlv.at(pkcs8, info.start, INTEGER);
        Tlv algorithm = Tlv.at(pkcs8, version.end(), SEQUENCE);
        Tlv oid = Tlv.at(pkcs8, algorithm.start, OID);
        byte[] value = Arrays.copyOfRange(pkcs8, oid.start, oid.end());
        if (Arrays.equals(value, RSA_OID)) {
            return "RSA";
        }
        return Arrays.equals(value, EC_OID) ? "EC" : null;
    }

    /** SEQUENCE { head, OCTET STRING { key } }: head is the version and the AlgorithmIdentifier. */
    private static byte[] privateKeyInfo(byte[] head, byte[] key) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        octets.write(OCTET_STRING);
        writeLength(octets, key.length);
        octets.writeBytes(key);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SEQUENCE);
        writeLength(out, head.length + octets.size());
        out.writeBytes(head);
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

    /** One DER element: its tag, where it begins ({@code offset}) and where its content begins and ends. */
    private record Tlv(int tag, int offset, int start, int length) {
        int end() {
            return start + length;
        }

        /** Reads the element at {@code offset}; {@code expectedTag} -1 accepts any (single-byte) tag. */
        static Tlv at(byte[] der, int offset, int expectedTag) {
            if (offset + 2 > der.length) {
                throw new IllegalArgumentException("truncated DER at byte " + offset);
            }
            int tag = der[offset] & 0xff;
            if (expectedTag >= 0 && tag != expectedTag) {
                throw new IllegalArgumentException(
                        String.format("expected DER tag %02x at byte %d, found %02x", expectedTag, offset, tag));
            }
            int first = der[offset + 1] & 0xff;
            int start = offset + 2;
            int length = first;
            if (first > 0x80 && first <= 0x84) {
                length = 0;
                for (int i = 0; i < (first & 0x7f); i++) {
                    if (start >= der.length) {
                        throw new IllegalArgumentException("truncated DER length at byte " + offset);
                    }
                    length = (length << 8) | (der[start++] & 0xff);
                }
            } else if (first >= 0x80) {
                throw new IllegalArgumentException("unsupported DER length at byte " + offset);
            }
            if (length < 0 || length > der.length - start) {
                throw new IllegalArgumentException("DER element at byte " + offset + " runs past the end");
            }
            return new Tlv(tag, offset, start, length);
        }
    }
}
