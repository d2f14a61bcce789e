package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;

/**
 * Job ids as {@code nvflare job <op> <job_id>} takes them. The CLI checks nothing itself: argparse takes any
 * positional value, flare_api sends it to the server ({@code "get_job_meta " + job_id}, an empty one is
 * {@code JobNotFound}), and the server answers {@code invalid job_id} for anything that is not a job's id
 * (job_cmds.py {@code authorize_job_id}, job_def.py {@code is_valid_job_id}), which the CLI reports as
 * {@code JOB_NOT_FOUND}, exit 1 — for {@code "a b"} too. Both transports therefore leave job ids to the server,
 * except for the one case argparse decides first: a value starting with '-' is read as an option.
 */
public final class JobIds {
    /** argparse's message when the positional job id is missing (capture 68-argparse-error-json). */
    static final String MISSING = "the following arguments are required: job_id";

    private static final String HINT =
            "Pass the job id that flareSubmit returned (e.g. e44ccf11-a162-442d-b1b6-cb6d849f89eb).";

    /** A job id's first part, as consoles and pages name a job: FLARE's UUIDs differ there. */
    private static final int SHORT = 8;

    private JobIds() {}

    /** The id's first {@value #SHORT} characters ({@code e44ccf11}), the whole id if shorter; {@code ?} for none. */
    public static String shortId(String jobId) {
        if (jobId == null) {
            return "?";
        }
        return jobId.length() > SHORT ? jobId.substring(0, SHORT) : jobId;
    }

    /**
     * Returns {@code jobId} unless the CLI's argument parser would refuse it: none at all, or one starting with
     * '-' (argparse reads it as an option and then misses the job id).
     *
     * @throws FlareException INVALID_ARGS, exit 4, with argparse's message
     */
    public static String requireArgument(String jobId) throws FlareException {
        if (jobId == null) {
            throw new FlareException(ErrorCodes.INVALID_ARGS, MISSING, HINT, ExitCodes.INVALID_ARGS, null);
        }
        if (jobId.startsWith("-")) {
            throw new FlareException(
                    ErrorCodes.INVALID_ARGS,
                    "Invalid job id '" + jobId + "': nvflare reads an " + "argument starting with '-' as an option, so "
                            + MISSING + ".",
                    HINT,
                    ExitCodes.INVALID_ARGS,
                    null);
        }
        return jobId;
    }
}
