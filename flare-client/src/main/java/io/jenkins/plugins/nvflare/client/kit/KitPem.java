package io.jenkins.plugins.nvflare.client.kit;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the PEM files of a startup kit ({@code client.key}, {@code client.crt}, {@code rootCA.pem})
 * into JDK keys and certificates, and checks that the key belongs to the certificate. Bad files
 * give {@link ErrorCodes#CONNECTION_FAILED}, exit 2, naming the file: the code the CLI gives, since its TLS
 * setup fails on them and the connection never comes up (see {@link KitReader}). Used by the kit check
 * ({@link StartupKit}) and by the native transport.
 */
public final class KitPem {

    static final String HINT = "Use the admin startup kit exactly as provisioned by NVFlare: TLS with the FLARE server "
            + "needs its client.key, client.crt and rootCA.pem as they are.";

    private KitPem() {}

    /**
     * Reads an unencrypted RSA or EC private key: PKCS#1 ("BEGIN RSA PRIVATE KEY", what NVFlare
     * provisions), SEC1 ("BEGIN EC PRIVATE KEY", NVFlare's format for an EC key) or PKCS#8 ("BEGIN
     * PRIVATE KEY").
     *
     * @param source file name for error messages, e.g. "startup/client.key"
     */
    public static PrivateKey privateKey(String pem, String source) throws FlareException {
        for (PemBlock block : blocks(pem, source)) {
            if (block.encrypted()) {
                throw invalid(source + " holds an encrypted private key; NVFlare kits use unencrypted keys", null);
            }
            switch (block.label()) {
                case "RSA PRIVATE KEY" -> {
                    return generate("RSA", Pkcs8.wrapRsa(block.der()), source);
                }
                case "EC PRIVATE KEY" -> {
                    byte[] pkcs8;
                    try {
                        pkcs8 = Pkcs8.wrapEc(block.der());
                    } catch (IllegalArgumentException e) {
                        throw invalid(source + " is not a valid EC private key: " + e.getMessage(), e);
                    }
                    return generate("EC", pkcs8, source);
                }
                case "PRIVATE KEY" -> {
                    String algorithm;
                    try {
                        algorithm = Pkcs8.algorithm(block.der());
                    } catch (IllegalArgumentException e) {
                        throw invalid(source + " is not a valid private key: " + e.getMessage(), e);
                    }
                    if (algorithm == null) {
                        throw invalid(source + " holds neither an RSA nor an EC private key", null);
                    }
                    return generate(algorithm, block.der(), source);
                }
                default -> {}
            }
        }
        throw invalid(source + " has no private key (expected -----BEGIN RSA PRIVATE KEY-----)", null);
    }

    /** Every certificate in a PEM file, in order (rootCA.pem may hold a chain). */
    public static List<X509Certificate> certificates(String pem, String source) throws FlareException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks(pem, source)) {
                if (block.label().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw invalid(source + " holds an invalid certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw invalid(source + " has no certificate (expected -----BEGIN CERTIFICATE-----)", null);
        }
        return certs;
    }

    /** The first certificate of a PEM file (client.crt has exactly one). */
    public static X509Certificate certificate(String pem, String source) throws FlareException {
        return certificates(pem, source).get(0);
    }

    /**
     * Refuses a {@code startup/client.key} that is not the private half of {@code startup/client.crt}'s
     * public key: a key from another kit would only fail later, at the server, with an opaque TLS or
     * login error. CONNECTION_FAILED, exit 2, as FLARE's CLI reports it (captures README).
     */
    public static void requireMatchingPair(PrivateKey key, X509Certificate cert) throws FlareException {
        if (!belongsTo(key, cert.getPublicKey())) {
            throw new FlareException(
                    ErrorCodes.CONNECTION_FAILED,
                    "startup/client.key does not belong to startup/client.crt: the private key is not the one "
                            + "the certificate was issued for, so TLS with the FLARE server cannot be set up.",
                    "Take client.key and client.crt from the same admin startup kit, as FLARE provisioned it "
                            + "(prod_NN/<email>/startup/); files from another kit or another provisioning run do not match.",
                    ExitCodes.CONNECTION_OR_KIT,
                    Map.of());
        }
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}. RSA compares the modulus and
     * public exponent, which every PKCS#1 key carries; other keys (EC) sign a probe that the public
     * key must verify.
     */
    static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        if (key instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus())
                    && rsa.getPublicExponent().equals(rsaPublic.getPublicExponent());
        }
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    default -> null;
                };
        if (algorithm == null) {
            return false;
        }
        byte[] probe = "nvflare-kit-key-check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, String source) throws FlareException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw invalid(source + " is not a valid " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    private static List<PemBlock> blocks(String pem, String source) throws FlareException {
        try {
            return PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw invalid(source + " is not valid PEM: " + e.getMessage(), e);
        }
    }

    private static FlareException invalid(String message, Throwable cause) {
        return new FlareException(
                ErrorCodes.CONNECTION_FAILED, message, HINT, ExitCodes.CONNECTION_OR_KIT, Map.of(), cause);
    }
}
