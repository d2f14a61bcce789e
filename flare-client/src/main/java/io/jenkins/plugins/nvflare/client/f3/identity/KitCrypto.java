package io.jenkins.plugins.nvflare.client.f3.identity;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.kit.KitPem;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The native transport's view of a startup kit's PEM files: reading is {@link KitPem}'s (shared with
 * the kit check), plus what only this transport needs, an RSA key (NVFlare's login signs with
 * RSA-PSS) and the subject CN. Unreadable files give KitPem's CONNECTION_FAILED (the CLI's code); a key or
 * subject the native login cannot use gives KIT_INVALID.
 */
public final class KitCrypto {
    private KitCrypto() {}

    /**
     * Reads an unencrypted RSA private key: PKCS#1 ("BEGIN RSA PRIVATE KEY", what NVFlare provisions)
     * or PKCS#8 ("BEGIN PRIVATE KEY").
     *
     * @param source file name for error messages, e.g. "startup/client.key"
     */
    public static PrivateKey privateKey(String pem, String source) throws FlareException {
        PrivateKey key = KitPem.privateKey(pem, source);
        if (!key.getAlgorithm().equals("RSA")) {
            throw invalid(
                    source + " holds an " + key.getAlgorithm() + " key; NVFlare's login signs with RSA-PSS "
                            + "(identity_utils.py sign_common_name) and needs an RSA key",
                    null);
        }
        return key;
    }

    /** Every certificate in a PEM file, in order (rootCA.pem may hold a chain). */
    public static List<X509Certificate> certificates(String pem, String source) throws FlareException {
        return KitPem.certificates(pem, source);
    }

    /** The first certificate of a PEM file (client.crt has exactly one). */
    public static X509Certificate certificate(String pem, String source) throws FlareException {
        return KitPem.certificate(pem, source);
    }

    /**
     * The subject CN: the admin user name NVFlare signs with ({@code IdentityAsserter.cn}, e.g.
     * {@code admin@nvidia.com}) and the server identity it checks.
     */
    public static String commonName(X509Certificate cert) throws FlareException {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName("RFC2253"));
            // RFC 2253 lists the most specific RDN last; the CN NVFlare reads is the only one anyway.
            for (int i = name.size() - 1; i >= 0; i--) {
                Rdn rdn = name.getRdns().get(i);
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw invalid("certificate subject cannot be parsed: " + e.getMessage(), e);
        }
        throw invalid("certificate subject has no CN: " + cert.getSubjectX500Principal(), null);
    }

    private static FlareException invalid(String message, Throwable cause) {
        return new FlareException(
                ErrorCodes.KIT_INVALID,
                message,
                "Use the admin startup kit exactly as provisioned by NVFlare.",
                ExitCodes.LOCAL,
                Map.of(),
                cause);
    }
}
