package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.hci.HciRequest;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin login sequence of client/api.py (connect → authenticate → _user_login) over an
 * established SFM connection: identity challenge, registration, then {@code _cert_login}, giving a
 * session that can run hci commands. Verified against a live 2.9-dev server (docs/native-transport.md §13.1).
 */
public final class AdminLogin {
    private static final String HINT = "Check that the kit belongs to this FLARE project and server.";
    /**
     * The challenge is re-sent (with a new nonce) when no answer comes within {@link #CHALLENGE_WAIT}, the last
     * attempt waiting the connection's full read timeout. Seen on a live 2.9 server: it sends READY before it
     * has registered the new endpoint (conn_manager.py process_frame_task runs frames on a thread pool), so a
     * request sent right after READY can be dropped ("Error processing frame: 'NoneType' object has no attribute
     * 'endpoint'") and never answered. Python's admin client re-challenges too (authenticator.py
     * authenticate, retry_interval 1 s) and in practice sends its first request about a second after READY.
     */
    public static final int CHALLENGE_ATTEMPTS = 4;

    public static final java.time.Duration CHALLENGE_WAIT = java.time.Duration.ofSeconds(2);

    /** Everything later commands need: auth headers, the hci session token, and the cell to talk through. */
    public record Session(CellRequester cell, Registration.Session auth, String hciToken) {
        /** Runs one hci command and returns the server's reply. */
        public HciReply command(String commandLine, LocalDateTime now) throws IOException, FlareException {
            String json = new HciRequest(commandLine, hciToken, null).toJson(now);
            CellMessage reply = cell.call(CellHeaders.CHANNEL_HCI, CellHeaders.TOPIC_COMMAND, auth.headers(), json);
            return hciReply(reply);
        }

        /** Session tokens stay out of logs and exception messages. */
        @Override
        public String toString() {
            return "Session[cell=" + cell.self() + ", auth=" + auth + ", hciToken=<secret>]";
        }
    }

    private AdminLogin() {}

    /**
     * @param userName the admin user (the kit certificate's CN)
     * @param nonces fresh nonces (uuid4 strings in Python)
     */
    public static Session login(
            CellRequester cell,
            AdminIdentity kit,
            String userName,
            String projectName,
            String serverIdentity,
            String study,
            String clientIp,
            Instant now,
            Supplier<String> nonces)
            throws IOException, FlareException {
        return login(cell, null, kit, userName, projectName, serverIdentity, study, clientIp, now, nonces);
    }

    /**
     * As above, over a connection whose TLS peer presented {@code tlsCertificate} (null: nothing to bind): the server
     * must prove that very certificate's key in the identity challenge, or the login stops before anything is signed
     * for it (see {@link ServerChallenge#requireTlsPeer}).
     */
    public static Session login(
            CellRequester cell,
            X509Certificate tlsCertificate,
            AdminIdentity kit,
            String userName,
            String projectName,
            String serverIdentity,
            String study,
            String clientIp,
            Instant now,
            Supplier<String> nonces)
            throws IOException, FlareException {
        String clientNonce = null;
        CellMessage challengeReply = null;
        for (int attempt = 1; challengeReply == null; attempt++) {
            clientNonce = nonces.get();
            Map<String, Object> headers = ServerChallenge.requestHeaders(userName, clientNonce);
            challengeReply = attempt < CHALLENGE_ATTEMPTS
                    ? cell.callWithin(
                            CHALLENGE_WAIT, CellHeaders.CHANNEL_SERVER_MAIN, CellHeaders.TOPIC_CHALLENGE, headers, null)
                    : cell.call(CellHeaders.CHANNEL_SERVER_MAIN, CellHeaders.TOPIC_CHALLENGE, headers, null);
        }
        ServerChallenge.Verified server = ServerChallenge.verifyReply(
                challengeReply.decodedPayload(), clientNonce, serverIdentity, kit.rootCertificates(), now);
        ServerChallenge.requireTlsPeer(server, tlsCertificate);

        Registration.Session auth;
        Map<String, Object> loginHeaders;
        try {
            CellMessage registerReply = cell.call(
                    CellHeaders.CHANNEL_SERVER_MAIN,
                    CellHeaders.TOPIC_REGISTER,
                    Registration.requestHeaders(userName, projectName, clientIp),
                    Registration.payload(kit, userName, server.serverNonce()));
            auth = Registration.session(registerReply.decodedPayload(), userName, server.serverCertificate());
            loginHeaders = new LinkedHashMap<>(auth.headers());
            loginHeaders.putAll(CertLogin.headers(kit, userName, study));
        } catch (GeneralSecurityException e) {
            throw FlareException.local(
                    ErrorCodes.KIT_INVALID, "Cannot sign with the kit's key: " + e.getMessage(), HINT);
        }

        String json = new HciRequest(CertLogin.command(userName), null, null).toJson(LocalDateTime.now());
        HciReply reply = hciReply(cell.call(CellHeaders.CHANNEL_HCI, CellHeaders.TOPIC_COMMAND, loginHeaders, json));
        var rejection = reply.loginRejection();
        if (rejection.isPresent()) {
            // reported as nvflare job reports it (CliErrors.loginRejected; wait/monitor adjust the hint)
            throw CliErrors.loginRejected(
                    rejection.get().authCode(), rejection.get().detail());
        }
        String token = reply.token()
                .orElseThrow(
                        () -> SessionErrors.authFailed("The FLARE server sent no session token for the login.", HINT));
        return new Session(cell, auth, token);
    }

    private static HciReply hciReply(CellMessage reply) throws IOException, FlareException {
        if (!(reply.decodedPayload() instanceof String text)) {
            throw SessionErrors.connectionFailed("The FLARE server's hci reply is not text.", "Check the server log.");
        }
        return HciReply.parse(text);
    }
}
