package io.jenkins.plugins.nvflare;

import hudson.EnvVars;
import hudson.Util;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/** Where to download and whether to archive, shared by {@code flareDownload} and the freestyle step. */
final class DownloadOptions implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Where results go unless told otherwise. */
    static final String DEFAULT_OUTPUT_DIR = "flare-results";

    String outputDir = DEFAULT_OUTPUT_DIR;
    boolean force;
    boolean archive = true;

    void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? DEFAULT_OUTPUT_DIR : outputDir.trim();
    }

    Map<String, Object> fetch(FlareRun flare, String jobId, String study, EnvVars env) throws IOException, InterruptedException {
        return Downloads.fetch(flare, jobId, env.expand(outputDir), force, study, archive);
    }
}
