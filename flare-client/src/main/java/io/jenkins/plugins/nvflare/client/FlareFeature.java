package io.jenkins.plugins.nvflare.client;

/**
 * What a FLARE version must have for an operation or option, and the error for one that does not: an
 * operation a server or CLI cannot honour is refused before anything is sent, never answered differently.
 */
public enum FlareFeature {
    /** {@code get_job_log} (job_cmds.py), added in 2.8.0; 2.7 answers {@code Unknown command}. */
    JOB_LOGS(
            "Job logs (the server's get_job_log command)",
            FlareVersion.V2_8_0,
            "Download the job (flareDownload) and read the logs in its workspace, or upgrade the FLARE server."),
    /** {@code submit_job --submit-token} and {@code list_jobs --submit-token}, added in 2.8.0. */
    SUBMIT_TOKEN(
            "Submit tokens",
            FlareVersion.V2_8_0,
            "Submit without a submit token (a repeated submit then creates a second job), or upgrade the FLARE server."),
    /** Studies (the login's {@code study} header), added in 2.8.0; 2.7 ignores the header and logs in to its only job store. */
    STUDY(
            "Studies other than 'default'",
            FlareVersion.V2_8_0,
            "Leave the study out (2.7 servers have only the default job store), or upgrade the FLARE server."),
    /** The {@code nvflare job} JSON contract (meta, monitor, --format json/jsonl, --startup-kit), added in 2.8.0. */
    CLI_JSON_CONTRACT(
            "The cli transport's commands (nvflare job meta, monitor, wait, ... with --format json and --startup-kit)",
            FlareVersion.V2_8_0,
            "Install nvflare 2.8.0 or later on the agent (pip install 'nvflare>=2.8'), or use the native transport,"
                    + " which needs no Python.");

    private final String what;
    private final FlareVersion since;
    private final String hint;

    FlareFeature(String what, FlareVersion since, String hint) {
        this.what = what;
        this.since = since;
        this.hint = hint;
    }

    /** The first release that has it. */
    public FlareVersion since() {
        return since;
    }

    /**
     * @param version the server's (or the CLI's) version
     * @param whose "the FLARE server" or "the nvflare CLI at …", for the message
     * @throws FlareException {@link ErrorCodes#FLARE_VERSION_UNSUPPORTED} when {@code version} is older than {@link #since()}
     */
    public void require(FlareVersion version, String whose) throws FlareException {
        if (!version.atLeast(since)) {
            throw FlareException.local(
                    ErrorCodes.FLARE_VERSION_UNSUPPORTED,
                    what + " need NVFlare " + since.text() + " or later; " + whose + " is NVFlare " + version.text()
                            + ".",
                    hint);
        }
    }
}
