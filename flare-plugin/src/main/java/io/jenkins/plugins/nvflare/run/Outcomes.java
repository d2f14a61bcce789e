package io.jenkins.plugins.nvflare.run;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/** FLARE job outcomes as messages, step failures and step return values. */
public final class Outcomes {

    private Outcomes() {}

    /** What happened, with FLARE's message and code when the job did not complete, and the hint on a line of its own. */
    public static String describe(JobReport r) {
        String hint = hint(r);
        return hint == null ? summary(r) : summary(r) + "\n" + Messages.Outcomes_hint(hint);
    }

    /** The outcome as console lines. */
    public static String line(JobReport r) {
        String hint = hint(r);
        String line = Messages.Outcomes_line(summary(r));
        return hint == null ? line : line + "\n" + Messages.Outcomes_line(Messages.Outcomes_hint(hint));
    }

    /** One sentence: the job, how it ended, FLARE's status where it says more, the duration once; FLARE's message. */
    private static String summary(JobReport r) {
        String job = r.jobName() == null ? r.jobId() : Messages.Outcomes_named(r.jobId(), r.jobName());
        String text =
                switch (r.outcome()) {
                    case COMPLETED -> Messages.Outcomes_completed(job);
                    case FAILED -> Messages.Outcomes_failed(job);
                    case ABORTED -> Messages.Outcomes_aborted(job);
                    case ABANDONED -> Messages.Outcomes_abandoned(job);
                    case TIMEOUT -> Messages.Outcomes_timeout(job);
                };
        if (addsToOutcome(r)) {
            text = r.outcome() == JobOutcome.TIMEOUT
                    ? Messages.Outcomes_whileStatus(text, r.jobStatus())
                    : Messages.Outcomes_withStatus(text, r.jobStatus());
        }
        if (r.durationSeconds() != null) {
            String took = Util.getTimeSpanString(Math.round(r.durationSeconds() * 1000));
            text = r.outcome() == JobOutcome.TIMEOUT
                    ? Messages.Outcomes_after(text, took)
                    : Messages.Outcomes_in(text, took);
        }
        StringBuilder sb = new StringBuilder(text).append('.');
        if (!r.isSuccess()) {
            if (r.message() != null && !r.message().isBlank()) {
                sb.append(' ').append(r.message().strip());
            }
            if (r.errorCode() != null) {
                sb.append(" [").append(r.errorCode()).append(']');
            }
        }
        return sb.toString();
    }

    /** FLARE's status, unless it only repeats the outcome ({@code FINISHED:COMPLETED} for a completed job). */
    private static boolean addsToOutcome(JobReport r) {
        String status = r.jobStatus();
        if (status == null || status.isBlank()) {
            return false;
        }
        String word = status.startsWith("FINISHED:") ? status.substring("FINISHED:".length()) : status;
        return !word.equalsIgnoreCase(r.outcome().name());
    }

    /** The hint for an unsuccessful outcome, in Jenkins terms; null for a success. */
    private static String hint(JobReport r) {
        return r.isSuccess() ? null : FlareHints.forJenkins(r.errorCode(), r.hint(), r.study());
    }

    /**
     * How an unsuccessful outcome ends a step that propagates it: an aborted FLARE job aborts the build, any other
     * outcome fails it with FLARE's message; null for a success.
     */
    public static Throwable failure(JobReport r) {
        if (r.isSuccess()) {
            return null;
        }
        String message = describe(r);
        if (r.outcome() == JobOutcome.ABORTED) {
            return new FlowInterruptedException(Result.ABORTED, false, new FlareJobAborted(message));
        }
        return new AbortException(message);
    }

    /** {@code flareWait}'s return value: plain types only, so Pipeline scripts can keep it. */
    public static Map<String, Object> toMap(JobReport r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jobId", r.jobId());
        map.put("status", r.jobStatus());
        map.put("outcome", r.outcome().name());
        map.put("duration", r.durationSeconds());
        map.put("metrics", new LinkedHashMap<>(r.metrics()));
        map.put("errorCode", r.errorCode());
        map.put("message", r.message());
        map.put("hint", r.hint());
        return map;
    }
}
