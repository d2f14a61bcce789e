package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the kit credential and the console say about a certificate's expiry, at a fixed "now". */
class KitExpiryTest {

    private static final Instant EXPIRY = Instant.parse("2027-12-02T20:45:37Z");

    private static final AdminKitInfo KIT = new AdminKitInfo(
            "admin@nvidia.com",
            "nvidia",
            "project_admin",
            "example_project",
            "server",
            "http",
            "localhost",
            8002,
            EXPIRY);

    @Test
    void aCertificateValidForMoreThan30DaysIsOnlySummarised() {
        Instant now = EXPIRY.minus(Duration.ofDays(31));
        assertEquals("certificate valid until 2027-12-02", KitExpiry.summary(KIT, now));
        assertNull(KitExpiry.warning(KIT, now));
    }

    @Test
    void within30DaysItWarns() {
        Instant now = EXPIRY.minus(Duration.ofDays(30));
        assertEquals("certificate expires in 30 days, on 2027-12-02", KitExpiry.summary(KIT, now));
        assertEquals(
                "The admin certificate of admin@nvidia.com expires in 30 days, on 2027-12-02T20:45:37Z. Ask the FLARE"
                        + " project admin for a new admin startup kit and update the credential.",
                KitExpiry.warning(KIT, now));
        assertEquals(
                "certificate expires in 1 day, on 2027-12-02",
                KitExpiry.summary(KIT, EXPIRY.minus(Duration.ofHours(36))));
        assertEquals(
                "certificate expires in less than a day, on 2027-12-02",
                KitExpiry.summary(KIT, EXPIRY.minusSeconds(1)));
    }

    @Test
    void anExpiredCertificateSaysSo() {
        Instant now = EXPIRY.plus(Duration.ofDays(3));
        assertEquals("certificate EXPIRED on 2027-12-02", KitExpiry.summary(KIT, now));
        assertEquals(
                "The admin certificate of admin@nvidia.com expired on 2027-12-02T20:45:37Z: the FLARE server refuses"
                        + " it. Ask the FLARE project admin for a new admin startup kit and update the credential.",
                KitExpiry.warning(KIT, now));
        assertEquals("certificate EXPIRED on 2027-12-02", KitExpiry.summary(KIT, EXPIRY));
    }
}
