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
     * The kit zip; {@code track} records the credential's use by the build (its fingerprint), which a step
     * polling FLARE every few seconds does once, not on every poll.
     */
    public static byte[] kitZip(String credentialsId, Run<?, ?> run, boolean track) throws IOException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(Messages.KitZipLookup_noId());
        }
        StandardCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (credentials == null) {
            throw new AbortException(Messages.KitZipLookup_missing(credentialsId));
        }
        byte[] zip = null;
        if (credentials instanceof StartupKitCredentials kit) {
            zip = kit.getSecretBytes().getPlainData();
        } else if (credentials instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                zip = in.readAllBytes();
            }
        }
        if (zip != null) {
            if (track) {
                CredentialsProvider.track(run, credentials);
            }
            return zip;
        }
        throw new AbortException(Messages.KitZipLookup_wrongKind(
                credentialsId, credentials.getDescriptor().getDisplayName()));
    }
}
