package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import io.jenkins.plugins.nvflare.client.kit.CertStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the plugin says about an admin kit's certificate, on the kit credential (list, page, dialog) and in the build
 * console alike. The rule (expired; expires within {@value AdminKitInfo#EXPIRY_WARNING_DAYS} days) is flare-client's
 * {@link AdminKitInfo#certStatus}; {@code now} is a parameter so that tests can fix it.
 */
public final class KitExpiry {

    /** Dates as the certificate's expiry is written: UTC, ISO ({@code 2027-12-02}). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private KitExpiry() {}

    /**
     * The certificate's state in a few words, for the credential's name: {@code certificate valid until 2027-12-02},
     * {@code certificate expires in 9 days, on 2027-12-02}, {@code certificate EXPIRED on 2025-11-30}.
     */
    public static String summary(AdminKitInfo kit, Instant now) {
        String date = DATE.format(kit.certNotAfter());
        return switch (kit.certStatus(now)) {
            case VALID -> Messages.KitExpiry_valid(date);
            case EXPIRING_SOON -> Messages.KitExpiry_expiring(days(kit, now), date);
            case EXPIRED -> Messages.KitExpiry_expired(date);
        };
    }

    /**
     * A warning when the certificate has expired or expires within {@value AdminKitInfo#EXPIRY_WARNING_DAYS} days,
     * saying what to do; null while it stays valid longer.
     */
    @CheckForNull
    public static String warning(AdminKitInfo kit, Instant now) {
        CertStatus status = kit.certStatus(now);
        if (status == CertStatus.VALID) {
            return null;
        }
        String when = kit.certNotAfter().toString();
        return status == CertStatus.EXPIRED
                ? Messages.KitExpiry_expiredWarning(kit.username(), when)
                : Messages.KitExpiry_expiringWarning(kit.username(), days(kit, now), when);
    }

    private static String days(AdminKitInfo kit, Instant now) {
        long days = kit.daysUntilExpiry(now);
        if (days < 1) {
            return Messages.KitExpiry_lessThanADay();
        }
        return days == 1 ? Messages.KitExpiry_oneDay() : Messages.KitExpiry_days(days);
    }
}
