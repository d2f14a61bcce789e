package io.jenkins.plugins.nvflare.client;

import java.util.Optional;

/** How a job ended, as the CLI normalises FLARE's job status. */
public enum JobOutcome {
    COMPLETED,
    /** Execution exception, failed to run, or any other unsuccessful {@code FINISHED:*} state. */
    FAILED,
    ABORTED,
    ABANDONED,
    /** The wait or monitor timeout passed before the job ended; the job may still be running. */
    TIMEOUT;

    /**
     * Maps a FLARE status (raw like {@code FINISHED:ABORTED} or normalised like {@code ABORTED}) to an
     * outcome; empty for a job that has not ended ({@code RUNNING}, {@code SUBMITTED}, ...).
     */
    public static Optional<JobOutcome> fromStatus(String status) {
        if (status == null || status.isEmpty()) {
            return Optional.empty();
        }
        if (status.equals("COMPLETED") || status.equals("FINISHED_OK") || status.startsWith("FINISHED:COMPLETED")) {
            return Optional.of(COMPLETED);
        }
        if (status.equals("ABORTED") || status.startsWith("FINISHED:ABORTED")) {
            return Optional.of(ABORTED);
        }
        if (status.equals("ABANDONED") || status.startsWith("FINISHED:ABANDONED")) {
            return Optional.of(ABANDONED);
        }
        if (status.equals("TIMEOUT")) {
            return Optional.of(TIMEOUT);
        }
        if (status.equals("FAILED") || status.equals("FINISHED_EXCEPTION") || status.startsWith("FINISHED:")) {
            return Optional.of(FAILED);
        }
        return Optional.empty();
    }

    public boolean isSuccess() {
        return this == COMPLETED;
    }
}
