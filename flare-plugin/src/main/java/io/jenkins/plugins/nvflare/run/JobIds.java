package io.jenkins.plugins.nvflare.run;

import hudson.AbortException;
import io.jenkins.plugins.nvflare.Messages;
import java.util.regex.Pattern;

/** Job ids: the one a step was given, checked before anything runs on the agent, and those FLARE answers with. */
public final class JobIds {

    private JobIds() {}

    /** The trimmed id; {@code step} names the step in the error. */
    public static String require(String jobId, String step) throws AbortException {
        if (jobId == null || jobId.isBlank()) {
            throw new AbortException(Messages.JobIds_missing(step));
        }
        if (jobId.contains("${")) {
            throw new AbortException(Messages.JobIds_unresolved(step, jobId));
        }
        return jobId.trim();
    }

    /** FLARE's job ids are UUIDs ({@code uuid.uuid4()} in every FLARE release). */
    private static final Pattern FLARE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * A job id FLARE (or the {@code nvflare} executable) answered with, before it is used in the build record, a URL or
     * a file name: anything but FLARE's id shape is refused, and shown only in part.
     */
    public static String fromFlare(String jobId) throws AbortException {
        if (jobId == null || !FLARE_ID.matcher(jobId).matches()) {
            String shown = jobId == null ? "null" : jobId.length() > 64 ? jobId.substring(0, 64) + "…" : jobId;
            throw new AbortException(Messages.JobIds_notFlares(shown));
        }
        return jobId;
    }
}
