package io.jenkins.plugins.nvflare.credentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.KitExpiry;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import jenkins.model.Jenkins;
import org.apache.commons.fileupload2.core.FileItem;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The "NVIDIA FLARE admin startup kit" credential: the kit zip as {@link SecretBytes}, uploaded in the
 * credentials UI or given as base64 in configuration as code. The kit is checked when the
 * credential is saved: anything but an admin kit is refused. Its name (the credentials list, the
 * credential's page, the credentials dropdowns) says whose kit it is, for which server and project,
 * and how long its certificate stays valid.
 */
@NameWith(value = StartupKitCredentialsImpl.NameProvider.class, priority = 32)
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

    /**
     * Who the kit logs in as, where, and when its certificate expires, e.g. {@code admin@nvidia.com (project_admin) →
     * http://localhost:8002, project example_project; certificate valid until 2027-12-02}; why the kit cannot be read
     * when it cannot (a credential stored by hand).
     */
    public String getKitSummary() {
        return kitSummary(Instant.now());
    }

    /** What {@link #getKitSummary()} says at {@code now}. */
    String kitSummary(Instant now) {
        try {
            return summary(info(), now);
        } catch (InvalidStartupKitException e) {
            return e.getMessage();
        }
    }

    /** Who {@code kit} logs in as, where, and when its certificate expires. */
    static String summary(AdminKitInfo kit, Instant now) {
        String identity = kit.role() == null
                ? kit.username()
                : Messages.StartupKitCredentialsImpl_identity(kit.username(), kit.role());
        String server = kit.scheme() + "://" + kit.host() + ":" + kit.port();
        if (!AdminKitInfo.DEFAULT_CONNECTION_SECURITY.equalsIgnoreCase(kit.connectionSecurity())) {
            server = Messages.StartupKitCredentialsImpl_serverSecurity(server, kit.connectionSecurity());
        }
        return Messages.StartupKitCredentialsImpl_summary(
                identity, server, kit.projectName(), KitExpiry.summary(kit, now));
    }

    /**
     * A warning when the kit's certificate has expired or expires within 30 days, saying what to do; null otherwise
     * (and for a kit that cannot be read, which {@link #getKitSummary()} explains).
     */
    @CheckForNull
    public String getKitWarning() {
        return kitWarning(Instant.now());
    }

    /** What {@link #getKitWarning()} says at {@code now}. */
    @CheckForNull
    String kitWarning(Instant now) {
        try {
            return KitExpiry.warning(info(), now);
        } catch (InvalidStartupKitException e) {
            return null;
        }
    }

    /** The kit's details, read once per loaded credential. */
    private AdminKitInfo info() {
        AdminKitInfo kit = info;
        if (kit == null) {
            kit = inspect(getId(), secretBytes);
            info = kit;
        }
        return kit;
    }

    private static AdminKitInfo inspect(String id, SecretBytes kit) {
        try {
            // Extracted only into a private temporary folder and deleted before this returns.
            return StartupKit.inspectZip(kit.getPlainData(), null);
        } catch (FlareException e) {
            throw new InvalidStartupKitException(id, reason(e));
        }
    }

    /** Why a zip is not an admin kit, and what to do. */
    private static String reason(FlareException e) {
        return (e.getMessage() + " " + e.hint()).strip();
    }

    /**
     * The credential's name: its {@link #getKitSummary() summary}, then the user's description in parentheses as the
     * credentials plugin's own kinds add it (the credentials list shows the two apart).
     */
    public static final class NameProvider extends CredentialsNameProvider<StartupKitCredentialsImpl> {

        @NonNull
        @Override
        public String getName(@NonNull StartupKitCredentialsImpl credentials) {
            String description = Util.fixEmptyAndTrim(credentials.getDescription());
            String summary = credentials.getKitSummary();
            return description == null ? summary : summary + " (" + description + ")";
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

        /** The line under the kind's name in the "Add Credentials" dialog. */
        @Override
        public String getDescription() {
            return Messages.StartupKitCredentialsImpl_description();
        }

        /**
         * Checks a zip as soon as it is chosen in the credentials form (the form posts the file, see
         * {@code kitCheck.js}): what the credential would say about the kit, a warning when its certificate expires
         * within 30 days or has, or why it is no admin kit, while the form still holds what the user entered.
         * Saving the credential checks again. For who may add or update credentials; an empty OK for anyone else.
         */
        @POST
        public FormValidation doCheckKit(StaplerRequest2 req) throws IOException {
            Jenkins jenkins = Jenkins.get();
            if (!jenkins.hasPermission(CredentialsProvider.CREATE)
                    && !jenkins.hasPermission(CredentialsProvider.UPDATE)) {
                return FormValidation.ok();
            }
            byte[] zip;
            try (InputStream in = req.getInputStream()) {
                zip = in.readNBytes(MAX_CHECKED_BYTES + 1);
            }
            if (zip.length > MAX_CHECKED_BYTES) {
                return FormValidation.ok(); // larger than any admin kit; saving checks it
            }
            AdminKitInfo kit;
            try {
                // Extracted only into a private temporary folder and deleted before this returns.
                kit = StartupKit.inspectZip(zip, null);
            } catch (FlareException e) {
                return FormValidation.error(reason(e));
            } finally {
                Arrays.fill(zip, (byte) 0);
            }
            Instant now = Instant.now();
            String summary = summary(kit, now);
            String warning = KitExpiry.warning(kit, now);
            return warning == null
                    ? FormValidation.ok(summary)
                    : FormValidation.warningWithMarkup(Util.escape(summary) + "<br>" + Util.escape(warning));
        }
    }

    /** The largest upload {@link DescriptorImpl#doCheckKit} reads: admin kits are a few KB. */
    private static final int MAX_CHECKED_BYTES = 16 * 1024 * 1024;
}
