package io.jenkins.plugins.nvflare.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.commons.fileupload2.core.FileItem;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The "NVFlare admin startup kit" credential: the kit zip as {@link SecretBytes}, uploaded in the
 * credentials UI or given as base64 in configuration as code. The kit is checked when the
 * credential is saved: anything but an admin kit is refused.
 */
public final class StartupKitCredentialsImpl extends BaseStandardCredentials implements StartupKitCredentials {

    @Serial
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String fileName;

    @NonNull
    private final SecretBytes secretBytes;

    /** Read from the kit once per loaded credential, not on every page that shows it. */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "a cache: read again on first use")
    private transient volatile AdminKitInfo info;

    /**
     * For the credentials form (an uploaded {@code file}) and configuration as code ({@code fileName}
     * plus {@code secretBytes}, base64).
     *
     * @throws InvalidStartupKitException when no kit is given or it is not an admin kit
     */
    @DataBoundConstructor
    public StartupKitCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @CheckForNull FileItem file,
            @CheckForNull String fileName,
            @CheckForNull SecretBytes secretBytes) {
        super(scope, id, description);
        String uploaded = file == null || file.getName() == null ? "" : file.getName();
        if (!uploaded.isEmpty()) {
            this.fileName = uploaded.replaceFirst("^.+[/\\\\]", "");
            try {
                this.secretBytes = SecretBytes.fromRawBytes(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException(Messages.StartupKitCredentialsImpl_unreadable(), e);
            }
        } else {
            if (secretBytes == null) {
                throw new InvalidStartupKitException(getId(), Messages.StartupKitCredentialsImpl_upload());
            }
            this.fileName = fileName == null || fileName.isBlank() ? "startup-kit.zip" : fileName;
            this.secretBytes = secretBytes;
        }
        this.info = inspect(getId(), this.secretBytes);
    }

    /** Programmatic use (tests, scripts). */
    public StartupKitCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @NonNull String fileName,
            @NonNull SecretBytes secretBytes) {
        this(scope, id, description, null, fileName, secretBytes);
    }

    @NonNull
    @Override
    public String getFileName() {
        return fileName;
    }

    @NonNull
    @Override
    public SecretBytes getSecretBytes() {
        return secretBytes;
    }

    /** Who the kit logs in as, where, and when its certificate expires; shown in the credentials UI. */
    public String getKitSummary() {
        AdminKitInfo kit = info;
        if (kit == null) {
            try {
                kit = inspect(getId(), secretBytes);
            } catch (InvalidStartupKitException e) {
                return e.getMessage();
            }
            info = kit;
        }
        Instant now = Instant.now();
        String expiry =
                switch (kit.certStatus(now)) {
                    case EXPIRED -> "certificate EXPIRED on " + kit.certNotAfter();
                    case EXPIRING_SOON ->
                        "certificate expires in " + kit.daysUntilExpiry(now) + " days (" + kit.certNotAfter() + ")";
                    case VALID -> "certificate valid until " + kit.certNotAfter();
                };
        return kit.describe() + "; " + expiry;
    }

    private static AdminKitInfo inspect(String id, SecretBytes kit) {
        try {
            // Extracted only into a private temporary folder and deleted before this returns.
            return StartupKit.inspectZip(kit.getPlainData(), null);
        } catch (FlareException e) {
            throw new InvalidStartupKitException(id, e.getMessage() + " " + e.hint());
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("nvflareStartupKit")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.StartupKitCredentialsImpl_displayName();
        }
    }
}
