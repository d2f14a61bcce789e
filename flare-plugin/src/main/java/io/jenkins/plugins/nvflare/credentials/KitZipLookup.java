package io.jenkins.plugins.nvflare.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.nvflare.Messages;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** Finds the startup kit zip of a build's credential: a startup-kit credential or a Secret file. */
public final class KitZipLookup {

    private KitZipLookup() {}

    /**
     * The build's kit credential, its use recorded for the build (its fingerprint). A step that polls FLARE every few
     * seconds looks it up once and keeps it in memory (never saved) for its later calls: the credentials plugin records
     * a credentials parameter's use on every lookup.
     */
    public static StandardCredentials find(String credentialsId, Run<?, ?> run) throws IOException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(Messages.KitZipLookup_noId());
        }
        StandardCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(Messages.KitZipLookup_missing(credentialsId));
        }
        if (!(credentials instanceof StartupKitCredentials) && !(credentials instanceof FileCredentials)) {
            throw new AbortException(Messages.KitZipLookup_wrongKind(
                    credentialsId, credentials.getDescriptor().getDisplayName()));
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    /** The kit zip of a credential {@link #find} returned. */
    public static byte[] kitZip(StandardCredentials credentials) throws IOException {
        if (credentials instanceof StartupKitCredentials kit) {
            return kit.getSecretBytes().getPlainData();
        }
        try (InputStream in = ((FileCredentials) credentials).getContent()) {
            return in.readAllBytes();
        }
    }
}
