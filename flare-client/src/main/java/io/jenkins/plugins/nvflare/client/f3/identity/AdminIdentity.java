package io.jenkins.plugins.nvflare.client.f3.identity;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.kit.KitPem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The admin's identity from a kit's {@code startup/} folder: the private key (client.key), its
 * certificate (client.crt, whose CN is the user name) and the project root CA (rootCA.pem). The
 * raw certificate file bytes are kept because NVFlare sends them verbatim ({@code cert_data}).
 *
 * @param customRootCertificates startup/customRootCA.pem when the kit has one (lighter copies a project's
 *     {@code custom_ca_cert} there), else empty: with {@link ConnectionSecurity#TLS} the server's certificate
 *     is verified against it instead of rootCA.pem (net_utils.py enhance_credential_info, get_ssl_context)
 */
public record AdminIdentity(
        PrivateKey privateKey,
        X509Certificate certificate,
        byte[] certificatePem,
        List<X509Certificate> rootCertificates,
        String commonName,
        List<X509Certificate> customRootCertificates) {

    /** net_utils.py CUSTOM_ROOT_CERT, looked for beside rootCA.pem. */
    public static final String CUSTOM_ROOT_CA = "customRootCA.pem";

    public AdminIdentity {
        certificatePem = certificatePem.clone();
        rootCertificates = List.copyOf(rootCertificates);
        customRootCertificates = List.copyOf(customRootCertificates);
    }

    /** An identity without a custom root CA. */
    public AdminIdentity(
            PrivateKey privateKey,
            X509Certificate certificate,
            byte[] certificatePem,
            List<X509Certificate> rootCertificates,
            String commonName) {
        this(privateKey, certificate, certificatePem, rootCertificates, commonName, List.of());
    }

    /**
     * The anchors the server's TLS certificate is verified against: startup/customRootCA.pem for server-only
     * TLS when the kit has one, else the project's rootCA.pem. (The login's server challenge is always checked
     * against rootCA.pem.)
     */
    public List<X509Certificate> serverTrust(ConnectionSecurity security) {
        return security == ConnectionSecurity.TLS && !customRootCertificates.isEmpty()
                ? customRootCertificates
                : rootCertificates;
    }

    /** Names the identity only; the private key never appears in text. */
    @Override
    public String toString() {
        return "AdminIdentity[commonName=" + commonName + ", privateKey=<secret>]";
    }

    @Override
    public byte[] certificatePem() {
        return certificatePem.clone();
    }

    /**
     * Loads and cross-checks the three files; CONNECTION_FAILED (exit 2, the CLI's code for TLS material it cannot
     * use) names the file that is wrong, KIT_INVALID a key the native transport cannot sign with (not RSA).
     */
    public static AdminIdentity load(Path startupDir) throws FlareException {
        byte[] certPem = read(startupDir, "client.crt");
        X509Certificate cert =
                KitCrypto.certificate(new String(certPem, StandardCharsets.US_ASCII), "startup/client.crt");
        PrivateKey key = KitCrypto.privateKey(
                new String(read(startupDir, "client.key"), StandardCharsets.US_ASCII), "startup/client.key");
        List<X509Certificate> roots = KitCrypto.certificates(
                new String(read(startupDir, "rootCA.pem"), StandardCharsets.US_ASCII), "startup/rootCA.pem");
        KitPem.requireMatchingPair(key, cert);
        List<X509Certificate> custom = Files.isRegularFile(startupDir.resolve(CUSTOM_ROOT_CA))
                ? KitCrypto.certificates(
                        new String(read(startupDir, CUSTOM_ROOT_CA), StandardCharsets.US_ASCII),
                        "startup/" + CUSTOM_ROOT_CA)
                : List.of();
        return new AdminIdentity(key, cert, certPem, roots, KitCrypto.commonName(cert), custom);
    }

    private static byte[] read(Path startupDir, String name) throws FlareException {
        Path file = startupDir.resolve(name);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // TLS material the connection cannot read: CONNECTION_FAILED, as for the CLI (kit.KitReader)
            throw new FlareException(
                    ErrorCodes.CONNECTION_FAILED,
                    "cannot read startup/" + name + ": " + e.getMessage(),
                    "Use the admin startup kit exactly as provisioned by NVFlare.",
                    ExitCodes.CONNECTION_OR_KIT,
                    null);
        }
    }
}
