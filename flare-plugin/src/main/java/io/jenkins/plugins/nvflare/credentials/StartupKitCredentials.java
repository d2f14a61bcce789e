package io.jenkins.plugins.nvflare.credentials;

import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** A credential holding an NVIDIA FLARE admin startup kit as a zip. */
public interface StartupKitCredentials extends StandardCredentials {

    /** The name of the uploaded zip, for display. */
    @NonNull
    String getFileName();

    /** The kit zip. */
    @NonNull
    SecretBytes getSecretBytes();
}
