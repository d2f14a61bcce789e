package io.jenkins.plugins.nvflare.client.kit;

/** How close the admin certificate is to its expiry. */
public enum CertStatus {
    VALID,
    /** Expires within {@link AdminKitInfo#EXPIRY_WARNING_DAYS} days. */
    EXPIRING_SOON,
    EXPIRED
}
