package io.jenkins.plugins.nvflare.run;

import hudson.EnvVars;
import hudson.Util;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/** The bounds and destination of a logs fetch, shared by {@code flareLogs} and the freestyle step. */
public final class LogOptions implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** FLARE's default target. */
    public static final String DEFAULT_SITE = "server";

    private String site = DEFAULT_SITE;
    private Integer tail;
    private String since;
    /** Blank in a form means not set: an Integer field binds blank to null (a Long one to 0). */
    private Integer maxBytes;

    private boolean toConsole = true;
    private String file;

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = Util.fixEmptyAndTrim(site) == null ? DEFAULT_SITE : site.trim();
    }

    public Integer getTail() {
        return tail;
    }

    public void setTail(Integer tail) {
        this.tail = tail;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    public Integer getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Integer maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean isToConsole() {
        return toConsole;
    }

    public void setToConsole(boolean toConsole) {
        this.toConsole = toConsole;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    /** Fetches the logs as bounded and returns their end. */
    public String fetch(FlareOperations flare, String jobId, String study, EnvVars env)
            throws IOException, InterruptedException {
        return flare.logs(
                jobId,
                env.expand(site),
                tail,
                since == null ? null : env.expand(since),
                maxBytes,
                study,
                file == null ? null : env.expand(file),
                toConsole);
    }
}
