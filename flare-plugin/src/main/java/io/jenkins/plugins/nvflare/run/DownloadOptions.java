package io.jenkins.plugins.nvflare.run;

import hudson.EnvVars;
import hudson.Util;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/** Where to download and whether to archive, shared by {@code flareDownload} and the freestyle step. */
public final class DownloadOptions implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Where results go unless told otherwise. */
    public static final String DEFAULT_OUTPUT_DIR = "flare-results";

    private String outputDir = DEFAULT_OUTPUT_DIR;
    private boolean force;
    private boolean archive = true;

    public String getOutputDir() {
        return outputDir;
    }

    public void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? DEFAULT_OUTPUT_DIR : outputDir.trim();
    }

    public boolean isForce() {
        return force;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public boolean isArchive() {
        return archive;
    }

    public void setArchive(boolean archive) {
        this.archive = archive;
    }

    /** Downloads, archives when asked, and returns the step's answer. */
    public Map<String, Object> fetch(FlareOperations flare, String jobId, String study, EnvVars env)
            throws IOException, InterruptedException {
        return Downloads.fetch(flare, jobId, env.expand(outputDir), force, study, archive);
    }
}
