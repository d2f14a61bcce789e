package io.jenkins.plugins.nvflare;

import java.util.Set;

/** Help texts shared by steps and builders live once, under the plugin's {@code help/} folder. */
final class Help {

    private static final Set<String> SHARED = Set.of(
            "credentialsId", "study", "transport", "nvflare", "connectTimeout", "jobId", "jobFolder", "submitToken", "wait",
            "timeout", "interval", "metrics", "abortOnInterrupt", "propagate", "site", "tail", "since", "maxBytes",
            "toConsole", "file", "outputDir", "force", "archive");

    private Help() {}

    /** The URL of a shared help file, or null. */
    static String sharedField(String fieldName) {
        return fieldName != null && SHARED.contains(fieldName) ? "/plugin/nvflare/help/" + fieldName + ".html" : null;
    }
}
