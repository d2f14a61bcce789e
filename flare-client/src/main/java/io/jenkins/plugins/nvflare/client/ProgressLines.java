package io.jenkins.plugins.nvflare.client;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * One concise human line per monitor event, for a build console, e.g.
 * {@code [FLARE] job e44ccf11 (hello-numpy) RUNNING  round 2  accuracy 0.91  loss 0.12  (elapsed 12.3s)}.
 * The terminal line says the outcome.
 */
public final class ProgressLines {
    static final String PREFIX = "[FLARE] ";
    private static final int SHORT_ID = 8;

    private ProgressLines() {}

    public static String render(MonitorEvent e) {
        StringBuilder sb = new StringBuilder(PREFIX).append("job ").append(shortId(e.jobId()));
        if (e.jobName() != null) {
            sb.append(" (").append(e.jobName()).append(')');
        }
        if (!e.terminal()) {
            sb.append(' ').append(e.status() == null ? "UNKNOWN" : e.status());
            appendMetrics(sb, e.metrics());
            appendTime(sb, "elapsed", e.elapsedSeconds());
            return sb.toString();
        }
        JobOutcome outcome = e.outcome().orElse(null);
        if (outcome == JobOutcome.TIMEOUT) {
            sb.append(" TIMEOUT: the monitor timeout passed");
            if (e.jobStatus() != null) {
                sb.append(" while the job was ").append(e.jobStatus());
            }
        } else {
            sb.append(" finished: ").append(outcome == null ? e.status() : outcome.name());
            if (e.errorCode() != null) {
                sb.append(" [").append(e.errorCode()).append(']');
            }
            if (e.jobStatus() != null && outcome != JobOutcome.COMPLETED) {
                sb.append(" (job status ").append(e.jobStatus()).append(')');
            }
        }
        appendMetrics(sb, e.metrics());
        appendTime(
                sb,
                e.durationSeconds() != null ? "duration" : "elapsed",
                e.durationSeconds() != null ? e.durationSeconds() : e.elapsedSeconds());
        return sb.toString();
    }

    private static void appendMetrics(StringBuilder sb, Metrics metrics) {
        appendMetric(sb, "round", metrics.round());
        appendMetric(sb, "accuracy", metrics.accuracy());
        appendMetric(sb, "loss", metrics.loss());
        for (Map.Entry<String, Object> extra : metrics.extra().entrySet()) {
            appendMetric(sb, extra.getKey(), extra.getValue());
        }
    }

    private static void appendMetric(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append("  ").append(name).append(' ').append(number(value));
        }
    }

    private static void appendTime(StringBuilder sb, String label, Double seconds) {
        if (seconds != null) {
            sb.append("  (")
                    .append(label)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", seconds))
                    .append("s)");
        }
    }

    /** Metrics as a person reads them: 4 significant digits, no trailing zeros; integers and text unchanged. */
    static String number(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            return new BigDecimal(d)
                    .round(new MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(value);
    }

    private static String shortId(String jobId) {
        if (jobId == null) {
            return "?";
        }
        return jobId.length() > SHORT_ID ? jobId.substring(0, SHORT_ID) : jobId;
    }
}
