package io.jenkins.plugins.nvflare.client.kit;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What an admin startup kit says about who connects where: the identity from the admin
 * certificate and the server address from {@code startup/fed_admin.json}. Holds no secret.
 *
 * @param username the certificate's CN (FLARE's user name, e.g. {@code admin@nvidia.com})
 * @param org the certificate's O
 * @param role the certificate's role as NVFlare wrote it into the subject ({@code unstructuredName}, e.g.
 *     {@code project_admin}); every kit {@link StartupKit} accepts has an admin's role, the value is null
 *     only in an info built by hand
 * @param projectName {@code admin.project_name}
 * @param serverIdentity {@code admin.server_identity}
 * @param scheme {@code admin.scheme}: {@code http}, {@code tcp} or {@code grpc}
 * @param host {@code admin.host}
 * @param port {@code admin.port}
 * @param certNotAfter the admin certificate's expiry
 * @param connectionSecurity {@code admin.connection_security}: {@code mtls} (also when the kit names none),
 *     {@code tls} or {@code clear}
 */
public record AdminKitInfo(
        String username,
        String org,
        String role,
        String projectName,
        String serverIdentity,
        String scheme,
        String host,
        int port,
        Instant certNotAfter,
        String connectionSecurity)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A kit that names no connection security: FLARE's default, mutual TLS. */
    public static final String DEFAULT_CONNECTION_SECURITY = "mtls";

    public AdminKitInfo {
        if (connectionSecurity == null) {
            connectionSecurity = DEFAULT_CONNECTION_SECURITY;
        }
    }

    /** A kit with FLARE's default connection security ({@code mtls}). */
    public AdminKitInfo(
            String username,
            String org,
            String role,
            String projectName,
            String serverIdentity,
            String scheme,
            String host,
            int port,
            Instant certNotAfter) {
        this(
                username,
                org,
                role,
                projectName,
                serverIdentity,
                scheme,
                host,
                port,
                certNotAfter,
                DEFAULT_CONNECTION_SECURITY);
    }

    /** A certificate expiring within this many days gets a warning. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    public CertStatus certStatus(Instant now) {
        if (!now.isBefore(certNotAfter)) {
            return CertStatus.EXPIRED;
        }
        return Duration.between(now, certNotAfter).compareTo(Duration.ofDays(EXPIRY_WARNING_DAYS)) <= 0
                ? CertStatus.EXPIRING_SOON
                : CertStatus.VALID;
    }

    /** Whole days until the certificate expires; negative once it has. */
    public long daysUntilExpiry(Instant now) {
        return Duration.between(now, certNotAfter).toDays();
    }

    /**
     * e.g. {@code admin@nvidia.com (project_admin) -> http://localhost:8002, project example_project}; a kit
     * whose connection security is not mutual TLS says so ({@code ..., project example_project, connection
     * security tls}).
     */
    public String describe() {
        return username + (role == null ? "" : " (" + role + ")") + " -> " + scheme + "://" + host + ":" + port
                + ", project " + projectName
                + (DEFAULT_CONNECTION_SECURITY.equalsIgnoreCase(connectionSecurity)
                        ? ""
                        : ", connection security " + connectionSecurity);
    }
}
