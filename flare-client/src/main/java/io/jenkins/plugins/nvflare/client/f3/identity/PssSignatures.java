package io.jenkins.plugins.nvflare.client.f3.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSA-PSS exactly as NVFlare signs and verifies (nvflare/lighter/utils.py {@code sign_content} /
 * {@code verify_content}): SHA-256, MGF1 with SHA-256, salt length {@code PSS.MAX_LENGTH}, i.e. the
 * encoded-message length minus the 32-byte hash minus 2, trailer field 1. Content strings are
 * UTF-8 encoded first, as {@code sign_content} does.
 */
public final class PssSignatures {
    private static final int SHA256_LENGTH = 32;

    private PssSignatures() {}

    public static byte[] sign(PrivateKey key, byte[] content) throws GeneralSecurityException {
        Signature s = signer(key);
        s.update(content);
        return s.sign();
    }

    /**
     * A signer to feed with {@link Signature#update} piece by piece (e.g. a large file read in buffers) and
     * finish with {@link Signature#sign}: the result is {@link #sign(PrivateKey, byte[])} of all bytes fed.
     */
    public static Signature signer(PrivateKey key) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.initSign(key);
        s.setParameter(parametersFor(key));
        return s;
    }

    public static byte[] sign(PrivateKey key, String content) throws GeneralSecurityException {
        return sign(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return whether {@code signature} is a valid NVFlare signature of {@code content}; a signature
     *     with another salt length, hash or key is simply invalid
     */
    public static boolean verify(PublicKey key, byte[] content, byte[] signature) throws InvalidKeyException {
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.initVerify(key);
            s.setParameter(parametersFor(key));
            s.update(content);
            return s.verify(signature);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // A malformed signature (wrong length, bad padding) is a failed verification, not a crash.
            return false;
        }
    }

    /** PSS parameters with the maximum salt for this key's modulus (RFC 8017 9.1.1: emLen = ceil((modBits-1)/8)). */
    static PSSParameterSpec parametersFor(Key key) throws InvalidKeyException {
        if (!(key instanceof RSAKey rsa)) {
            throw new InvalidKeyException("NVFlare signatures need an RSA key, not " + key.getAlgorithm());
        }
        int modBits = rsa.getModulus().bitLength();
        int emLen = (modBits - 1 + 7) / 8;
        int salt = emLen - SHA256_LENGTH - 2;
        if (salt < 0) {
            throw new InvalidKeyException("RSA key of " + modBits + " bits is too small for RSA-PSS with SHA-256");
        }
        return new PSSParameterSpec(
                "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
