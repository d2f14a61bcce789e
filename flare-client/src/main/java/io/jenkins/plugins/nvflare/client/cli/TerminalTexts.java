package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.JobOutcome;

/**
 * FLARE's message and hint for each unsuccessful job outcome. {@code job wait} prints them in its
 * error envelope, but {@code job monitor}'s terminal event carries only the error code, so monitor
 * results get the same texts from here (taken from nvflare/tool/cli_errors.py). Public for the native
 * transport, which builds the same errors without the CLI.
 */
public final class TerminalTexts {
    private static final String INSPECT_FAILURE =
            "Use 'nvflare job logs <job_id>' and 'nvflare job meta <job_id>' to inspect the failure.";

    private TerminalTexts() {}

    public static String message(String errorCode, String jobId) {
        if (errorCode == null) {
            return null;
        }
        return switch (errorCode) {
            case ErrorCodes.JOB_FAILED -> "Job '" + jobId + "' reached terminal state FAILED.";
            case ErrorCodes.JOB_FINISHED_EXCEPTION -> "Job '" + jobId + "' reached terminal state FINISHED_EXCEPTION.";
            case ErrorCodes.JOB_ABORTED -> "Job '" + jobId + "' was aborted.";
            case ErrorCodes.JOB_ABANDONED -> "Job '" + jobId + "' was abandoned.";
            case ErrorCodes.TIMEOUT ->
                "Operation timed out. \u2014 job " + jobId + " did not reach a terminal state within the timeout";
            default -> null;
        };
    }

    public static String hint(String errorCode) {
        if (errorCode == null) {
            return null;
        }
        return switch (errorCode) {
            case ErrorCodes.JOB_FAILED, ErrorCodes.JOB_FINISHED_EXCEPTION -> INSPECT_FAILURE;
            case ErrorCodes.JOB_ABORTED -> "Use 'nvflare job meta <job_id>' to see abort details.";
            case ErrorCodes.JOB_ABANDONED -> "Use 'nvflare job meta <job_id>' to inspect the abandonment details.";
            case ErrorCodes.TIMEOUT -> "Increase --timeout or check server load.";
            default -> null;
        };
    }

    /** The outcome an error code stands for; empty for codes that are not a job outcome. */
    static java.util.Optional<JobOutcome> outcome(String errorCode) {
        if (errorCode == null) {
            return java.util.Optional.empty();
        }
        return switch (errorCode) {
            case ErrorCodes.JOB_FAILED, ErrorCodes.JOB_FINISHED_EXCEPTION -> java.util.Optional.of(JobOutcome.FAILED);
            case ErrorCodes.JOB_ABORTED -> java.util.Optional.of(JobOutcome.ABORTED);
            case ErrorCodes.JOB_ABANDONED -> java.util.Optional.of(JobOutcome.ABANDONED);
            case ErrorCodes.TIMEOUT -> java.util.Optional.of(JobOutcome.TIMEOUT);
            default -> java.util.Optional.empty();
        };
    }
}
