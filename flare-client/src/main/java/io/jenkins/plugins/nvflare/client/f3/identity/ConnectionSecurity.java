package io.jenkins.plugins.nvflare.client.f3.identity;

import java.util.Locale;

/**
 * How the admin's connection to the server is secured, from {@code admin.connection_security} in
 * fed_admin.json (lighter's {@code connection_security} of the admin participant, default {@code mtls}). Read
 * as FLARE's admin client reads it (fuel/hci/client/api.py {@code connect}, f3/drivers/net_utils.py
 * {@code get_ssl_context}, drivers/grpc/utils.py {@code get_grpc_client_credentials}): lower-cased;
 * {@code clear} means no TLS at all, {@code tls} server-only TLS, and anything else, or no value, mutual TLS.
 * The login is the same in every case: the admin proves who it is by signing the server's challenge with the
 * kit's key ({@code Authenticator(secure_mode=True)}), so a connection without a client certificate still
 * logs in as the kit's user.
 */
public enum ConnectionSecurity {
    /** TLS, the kit's client certificate presented, the server's verified against rootCA.pem. */
    MTLS,
    /**
     * TLS verifying the server only, e.g. behind a TLS-terminating ingress: no client certificate; the server's
     * certificate is verified against startup/customRootCA.pem when the kit has one (the ingress's CA,
     * lighter's {@code custom_ca_cert}), else against rootCA.pem.
     */
    TLS,
    /** No TLS (ws://, plain TCP, gRPC over cleartext HTTP/2). */
    CLEAR;

    /** The kit's value as FLARE's admin client reads it; null or empty is {@link #MTLS}. */
    public static ConnectionSecurity of(String value) {
        if (value == null) {
            return MTLS;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "clear" -> CLEAR;
            case "tls" -> TLS;
            default -> MTLS;
        };
    }

    /** As fed_admin.json spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
