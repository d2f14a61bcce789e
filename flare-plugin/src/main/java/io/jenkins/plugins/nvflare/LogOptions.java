package io.jenkins.plugins.nvflare;

import hudson.EnvVars;
import hudson.Util;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/** The bounds and destination of a logs fetch, shared by {@code flareLogs} and the freestyle step. */
final class LogOptions implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** FLARE's default target. */
    static final String DEFAULT_SITE = "server";

    String site = DEFAULT_SITE;
    Integer tail;
    String since;
    /** Blank in a form means not set: an Integer field binds blank to null (a Long one to 0). */
    Integer maxBytes;
    boolean toConsole = true;
    String file;

    void setSite(String site) {
        this.site = Util.fixEmptyAndTrim(site) == null ? DEFAULT_SITE : site.trim();
    }

    String fetch(FlareRun flare, String jobId, String study, EnvVars env) throws IOException, InterruptedException {
        return flare.logs(jobId, env.expand(site), tail, since == null ? null : env.expand(since), maxBytes, study,
                file == null ? null : env.expand(file), toConsole);
    }
}
