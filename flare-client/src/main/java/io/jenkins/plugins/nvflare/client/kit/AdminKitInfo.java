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
        Instant certNotAfter)
        implements Serializable {

    private static final long serialVersionUID = 1L;

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

    /** e.g. {@code admin@nvidia.com (project_admin) -> http://localhost:8002, project example_project}. */
    public String describe() {
        return username + (role == null ? "" : " (" + role + ")") + " -> " + scheme + "://" + host + ":" + port
                + ", project " + projectName;
    }
}
