package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

/** FLARE job outcomes as messages and step return values. */
final class Outcomes {

    private Outcomes() {}

    /** What happened, with FLARE's message and hint when the job did not complete. */
    static String describe(JobReport r) {
        StringBuilder sb = new StringBuilder("FLARE job ").append(r.jobId());
        switch (r.outcome()) {
            case COMPLETED -> sb.append(" completed");
            case FAILED -> sb.append(" failed");
            case ABORTED -> sb.append(" was aborted");
            case ABANDONED -> sb.append(" was abandoned");
            case TIMEOUT -> sb.append(" did not finish in time");
        }
        if (r.jobStatus() != null) {
            sb.append(" (").append(r.jobStatus()).append(')');
        }
        if (r.durationSeconds() != null) {
            sb.append(r.outcome() == JobOutcome.TIMEOUT ? " after " : " in ")
                    .append(String.format(Locale.ROOT, "%.1fs", r.durationSeconds()));
        }
        sb.append('.');
        if (!r.isSuccess()) {
            if (r.message() != null && !r.message().isBlank()) {
                sb.append(' ').append(r.message().strip());
            }
            if (r.hint() != null && !r.hint().isBlank()) {
                sb.append(" Hint: ").append(r.hint().strip());
            }
            if (r.errorCode() != null) {
                sb.append(" [").append(r.errorCode()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * How an unsuccessful outcome ends a step that propagates it: an aborted FLARE job aborts the build, any other
     * outcome fails it with FLARE's message; null for a success.
     */
    static Throwable failure(JobReport r) {
        if (r.isSuccess()) {
            return null;
        }
        String message = describe(r);
        if (r.outcome() == JobOutcome.ABORTED) {
            return new FlowInterruptedException(Result.ABORTED, false, new FlareWaitingStep.FlareJobAborted(message));
        }
        return new AbortException(message);
    }

    /** {@code flareWait}'s return value: plain types only, so Pipeline scripts can keep it. */
    static Map<String, Object> toMap(JobReport r) {
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
