package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.cell.Shareables;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage one, second half: the register request on channel "task", topic "register"
 * (nvflare/private/fed/authenticator.py authenticate, server fed_server.py register_client) and the
 * session credentials it returns, which every later message carries as headers.
 * The fobs shapes of Shareable and FLContext below are read from the decomposers' sources; a live 2.9-dev
 * server accepted them (docs/native-transport.md §13.1).
 */
public final class Registration {
    static final String CLIENT_TYPE_ADMIN = "admin";
    static final String FL_CONTEXT_TYPE = "nvflare.apis.fl_context.FLContext";
    static final String CONTEXT_DECOMPOSER = "nvflare.apis.utils.decomposers.flare_decomposers.ContextDecomposer";
    private static final String HINT = "Check that the kit belongs to this FLARE project and server.";

    /** The FL auth headers for every later message (fuel/sec/authn.py add_authentication_headers). */
    public record Session(String clientName, String token, String tokenSignature, String ssid) {
        public Map<String, Object> headers() {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put(CellHeaders.AUTH_CLIENT_NAME, clientName);
            if (ssid != null) {
                h.put(CellHeaders.AUTH_SSID, ssid);
            }
            h.put(CellHeaders.AUTH_TOKEN, token);
            h.put(CellHeaders.AUTH_TOKEN_SIGNATURE, tokenSignature);
            return h;
        }

        /** The token and its signature authenticate every message: never printed. */
        @Override
        public String toString() {
            return "Session[clientName=" + clientName + ", ssid=" + ssid + ", token=<secret>, tokenSignature=<secret>]";
        }
    }

    private Registration() {}

    static Map<String, Object> requestHeaders(String userName, String projectName, String clientIp) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("client_name", userName);
        h.put("client_type", CLIENT_TYPE_ADMIN);
        h.put("client_ip", clientIp);
        h.put("project_name", projectName);
        return h;
    }

    /**
     * The register payload: a fobs Shareable whose reserved headers hold the peer FLContext (public,
     * non-sticky prop {@code __identity_name__} = user name, mask 0), plus cert, signature over
     * {@code cn + server_nonce}, and cn.
     */
    static Map<String, Object> payload(AdminIdentity kit, String userName, String serverNonce)
            throws GeneralSecurityException {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("value", userName);
        identity.put("mask", 0L);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("__identity_name__", identity);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("__peer_ctx__", fobsObject(FL_CONTEXT_TYPE, Arrays.asList(null, props), CONTEXT_DECOMPOSER));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("__headers__", headers);
        data.put(ServerChallenge.KEY_CERT, kit.certificatePem());
        data.put(ServerChallenge.KEY_SIGNATURE, CertLogin.registrationSignature(kit, serverNonce));
        data.put(ServerChallenge.KEY_CN, kit.commonName());
        return fobsObject(Shareables.SHAREABLE_TYPE, data, Shareables.DICT_DECOMPOSER);
    }

    /** Reads the token, checks the server signed it for us ({@code TokenVerifier.verify}). */
    static Session session(Object replyPayload, String userName, X509Certificate serverCert) throws FlareException {
        if (!(Fobs.unwrap(replyPayload) instanceof Map<?, ?> reply)
                || !(reply.get("__token__") instanceof String token)
                || token.isEmpty()) {
            throw SessionErrors.authFailed("The server did not register this admin session.", HINT);
        }
        String signature = reply.get("__token_signature__") instanceof String s ? s : "NA";
        String ssid = reply.get("ssid") instanceof String s ? s : null;
        boolean valid;
        try {
            valid = PssSignatures.verify(
                    serverCert.getPublicKey(),
                    (userName + token).getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw SessionErrors.authFailed("The server's session token signature is invalid.", HINT);
        }
        return new Session(userName, token, signature, ssid);
    }

    private static Map<String, Object> fobsObject(String type, Object data, String decomposer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Fobs.TYPE, type);
        m.put(Fobs.DATA, data);
        m.put(Fobs.DECOMPOSER, decomposer);
        return m;
    }
}
