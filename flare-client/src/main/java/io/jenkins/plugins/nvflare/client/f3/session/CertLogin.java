package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the admin signs and sends during login (client/api.py _user_login, authenticator.py authenticate):
 * the registration signature over {@code cn + server_nonce}, and the {@code _cert_login} command whose
 * cell headers carry the certificate and a signature over the CN alone (nonce "").
 */
final class CertLogin {
    static final String COMMAND = "_cert_login";
    static final String DEFAULT_STUDY = "default";

    private CertLogin() {}

    static String command(String userName) {
        return COMMAND + " " + userName;
    }

    /** Cell headers of the {@code _cert_login} request; the server reads them as its cmd_headers. */
    static Map<String, Object> headers(AdminIdentity kit, String userName, String study)
            throws GeneralSecurityException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("user_name", userName);
        h.put("cert", kit.certificatePem());
        h.put("signature", PssSignatures.sign(kit.privateKey(), kit.commonName()));
        h.put("study", study == null ? DEFAULT_STUDY : study);
        return h;
    }

    /** {@code IdentityAsserter.sign_common_name(server_nonce)} for the register request. */
    static byte[] registrationSignature(AdminIdentity kit, String serverNonce) throws GeneralSecurityException {
        return PssSignatures.sign(kit.privateKey(), kit.commonName() + serverNonce);
    }
}
