package io.jenkins.plugins.nvflare.run;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/** FLARE job outcomes as messages, step failures and step return values. */
public final class Outcomes {

    private Outcomes() {}

    /** What happened, with FLARE's message and hint when the job did not complete. */
    public static String describe(JobReport r) {
        String id = r.jobId();
        String text =
                switch (r.outcome()) {
                    case COMPLETED -> Messages.Outcomes_completed(id);
                    case FAILED -> Messages.Outcomes_failed(id);
                    case ABORTED -> Messages.Outcomes_aborted(id);
                    case ABANDONED -> Messages.Outcomes_abandoned(id);
                    case TIMEOUT -> Messages.Outcomes_timeout(id);
                };
        if (r.jobStatus() != null) {
            text = Messages.Outcomes_withStatus(text, r.jobStatus());
        }
        if (r.durationSeconds() != null) {
            String seconds = String.format(Locale.ROOT, "%.1f", r.durationSeconds());
            text = r.outcome() == JobOutcome.TIMEOUT
                    ? Messages.Outcomes_after(text, seconds)
                    : Messages.Outcomes_in(text, seconds);
        }
        StringBuilder sb = new StringBuilder(text).append('.');
        if (!r.isSuccess()) {
            if (r.message() != null && !r.message().isBlank()) {
                sb.append(' ').append(r.message().strip());
            }
            if (r.hint() != null && !r.hint().isBlank()) {
                sb.append(' ').append(Messages.Outcomes_hint(r.hint().strip()));
            }
            if (r.errorCode() != null) {
                sb.append(" [").append(r.errorCode()).append(']');
            }
        }
        return sb.toString();
    }

    /** The outcome as a console line. */
    public static String line(JobReport r) {
        return Messages.Outcomes_line(describe(r));
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
