package io.jenkins.plugins.nvflare.run;

import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.nvflare.Messages;
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

    /**
     * The lines per site fetched when no bound is given: a tail a console reader takes in at a glance. FLARE's own
     * default (500 lines) is one option away ({@code tail: 500}), the whole log another ({@code maxBytes}).
     */
    public static final int DEFAULT_TAIL = 50;

    /**
     * The bytes per site fetched when no {@code maxBytes} is given: what the agent holds in memory (the logs are
     * rendered whole before they go to the console or a file) has a bound even for a log of very long lines.
     */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    /**
     * Fetches the logs as bounded and returns their end. Without bounds, the last {@value #DEFAULT_TAIL} lines per
     * site, and the console says how to get more; without {@code maxBytes}, at most {@value #DEFAULT_MAX_BYTES} bytes
     * per site.
     */
    public String fetch(FlareOperations flare, String jobId, String study, EnvVars env)
            throws IOException, InterruptedException {
        boolean unbounded = tail == null && since == null && maxBytes == null;
        String text = flare.logs(
                jobId,
                env.expand(site),
                unbounded ? Integer.valueOf(DEFAULT_TAIL) : tail,
                since == null ? null : env.expand(since),
                maxBytes != null ? maxBytes : Integer.valueOf(DEFAULT_MAX_BYTES),
                study,
                file == null ? null : env.expand(file),
                toConsole);
        if (unbounded) {
            flare.say(Messages.LogOptions_defaultTail(String.valueOf(DEFAULT_TAIL), String.valueOf(DEFAULT_MAX_BYTES)));
        }
        return text;
    }
}
