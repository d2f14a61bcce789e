package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.JobOutcome;
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
