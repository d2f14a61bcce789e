package io.jenkins.plugins.nvflare.client;

/** Exit codes of the {@code nvflare} CLI's machine contract. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The job or the server reported an error (job failed, job not found, ...). */
    public static final int JOB_OR_SERVER_ERROR = 1;
    /** Connection, authentication or startup kit problem. */
    public static final int CONNECTION_OR_KIT = 2;

    public static final int TIMEOUT = 3;
    /** Invalid arguments, or a submit-token conflict. */
    public static final int INVALID_ARGS = 4;

    public static final int INTERNAL_ERROR = 5;
    /**
     * Not from the CLI: a local code of this library for what the CLI never meets (ErrorCodes' local codes).
     * Local checks of inputs the CLI also judges use the CLI's exit code instead (README, "One contract").
     */
    public static final int LOCAL = -1;

    private ExitCodes() {}
}
