package io.jenkins.plugins.nvflare.client.f3.job;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure helpers behind {@code nvflare job wait|monitor} output (job_cli.py:2438-2800): job meta
 * summary, start time, elapsed and duration seconds, status normalisation, metrics extraction and
 * the terminal error code.
 */
public final class MonitorData {
    // job_cli.py:1921 _TERMINAL_JOB_STATES
    private static final Set<String> TERMINAL =
            Set.of("FINISHED_OK", "FINISHED_EXCEPTION", "ABORTED", "ABANDONED", "FAILED");
    // job_cli.py:2438 _summarize_monitor_meta: output key -> JobMetaKey value (apis/job_def.py)
    private static final Map<String, String> SUMMARY_FIELDS = summaryFields();

    private MonitorData() {}

    private static Map<String, String> summaryFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("job_name", "name");
        m.put("status", "status");
        m.put("submit_time", "submit_time_iso");
        m.put("start_time", "start_time");
        m.put("duration", "duration");
        m.put("study", "study");
        m.put("submitter_name", "submitter_name");
        m.put("submitter_org", "submitter_org");
        m.put("submitter_role", "submitter_role");
        return m;
    }

    static Map<String, Object> summary(Map<String, Object> meta) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (meta == null) {
            return summary;
        }
        SUMMARY_FIELDS.forEach((out, key) -> {
            Object value = meta.get(key);
            if (value != null && !"".equals(value)) {
                summary.put(out, value);
            }
        });
        return summary;
    }

    /** job_cli.py:1929 _is_terminal_job_status (the monitor callback's test). */
    public static boolean cliTerminal(String status) {
        return status != null && (status.startsWith("FINISHED:") || TERMINAL.contains(status));
    }

    /** flare_api.py _is_terminal_job_status (the polling loop's test). */
    static boolean apiTerminal(String status) {
        return status != null && (status.startsWith("FINISHED") || TERMINAL.contains(status));
    }

    /** job_cli.py:2460 _parse_monitor_start_ts: start_time, else submit_time_iso, as epoch seconds. */
    static Double startTimestamp(Map<String, Object> meta) {
        if (meta == null) {
            return null;
        }
        for (String key : List.of("start_time", "submit_time_iso")) {
            Object value = meta.get(key);
            if (value instanceof Number n) {
                if (n.doubleValue() != 0) {
                    return n.doubleValue();
                }
            } else if (value instanceof String s && !s.isEmpty()) {
                Double ts = isoTimestamp(s);
                if (ts != null) {
                    return ts;
                }
            }
        }
        return null;
    }

    /** Python {@code datetime.fromisoformat(s).timestamp()}; naive times are local time, like Python. */
    private static Double isoTimestamp(String text) {
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            OffsetDateTime t = OffsetDateTime.parse(iso);
            return t.toEpochSecond() + t.getNano() / 1e9;
        } catch (DateTimeParseException notOffset) {
            try {
                var t = LocalDateTime.parse(iso).atZone(ZoneId.systemDefault());
                return t.toEpochSecond() + t.getNano() / 1e9;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** job_cli.py:2475 _calculate_monitor_elapsed. */
    static double elapsed(double now, double monitorStart, Double jobStart) {
        double base = jobStart != null ? jobStart : monitorStart;
        return round1(Math.max(0, now - base));
    }

    /** job_cli.py:2480 _parse_monitor_duration_seconds: FLARE's "H:MM:SS.ffffff" text. */
    static Double durationSeconds(Object value) {
        if (value == null || "".equals(value) || "N/A".equals(value)) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (!(value instanceof String s)) {
            return null;
        }
        String[] parts = s.split(":", -1);
        try {
            return switch (parts.length) {
                case 3 ->
                    Integer.parseInt(parts[0].strip()) * 3600.0
                            + Integer.parseInt(parts[1].strip()) * 60.0
                            + Double.parseDouble(parts[2]);
                case 2 -> Integer.parseInt(parts[0].strip()) * 60.0 + Double.parseDouble(parts[1]);
                case 1 -> Double.parseDouble(parts[0]);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's {@code round(x, 1)} for a float: the exact binary value rounded half-even. */
    static double round1(double x) {
        return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** job_cli.py:2602 _normalize_monitor_event_status. */
    static String normalizeStatus(String status) {
        if (status == null || status.isEmpty()) {
            return "UNKNOWN";
        }
        if (status.equals("FINISHED_OK") || status.startsWith("FINISHED:COMPLETED")) {
            return "COMPLETED";
        }
        if (status.equals("FINISHED_EXCEPTION")
                || status.equals("FAILED")
                || status.startsWith("FINISHED:EXECUTION_EXCEPTION")) {
            return "FAILED";
        }
        if (status.equals("ABORTED") || status.startsWith("FINISHED:ABORTED")) {
            return "ABORTED";
        }
        if (status.equals("ABANDONED") || status.startsWith("FINISHED:ABANDONED")) {
            return "ABANDONED";
        }
        return status;
    }

    /** job_cli.py:2763 _job_terminal_failure_error: the error code of an unsuccessful end, or null. */
    static String failureCode(String status) {
        if (status.equals("FAILED")) {
            return "JOB_FAILED";
        }
        if (status.equals("FINISHED_EXCEPTION") || status.startsWith("FINISHED:EXECUTION_EXCEPTION")) {
            return "JOB_FINISHED_EXCEPTION";
        }
        if (status.equals("ABORTED") || status.startsWith("FINISHED:ABORTED")) {
            return "JOB_ABORTED";
        }
        if (status.equals("ABANDONED") || status.startsWith("FINISHED:ABANDONED")) {
            return "JOB_ABANDONED";
        }
        if (status.startsWith("FINISHED:") && !status.startsWith("FINISHED:COMPLETED")) {
            return "JOB_FAILED";
        }
        return null;
    }

    /** job_cli.py:2505 _build_monitor_key_aliases. */
    static Map<String, List<String>> metricAliases(List<String> extra) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("round", List.of("round", "global_round", "current_round", "iteration", "iter", "epoch"));
        aliases.put("accuracy", List.of("accuracy", "acc", "val_acc", "test_acc"));
        aliases.put("loss", List.of("loss", "train_loss", "val_loss", "test_loss"));
        for (String metric : extra) {
            if (metric != null && !metric.isEmpty()) {
                aliases.put(metric, List.of(metric));
            }
        }
        return aliases;
    }

    /** job_cli.py:2523 _extract_monitor_metrics: the first scalar under any alias, searched depth-first. */
    static Map<String, Object> extractMetrics(Map<String, Object> stats, Map<String, List<String>> aliases) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (stats == null) {
            return metrics;
        }
        aliases.forEach((out, keys) -> {
            Object value = search(stats, keys);
            if (value != null) {
                metrics.put(out, value);
            }
        });
        return metrics;
    }

    private static Object search(Map<?, ?> d, List<String> keys) {
        for (String k : keys) {
            Object v = d.get(k);
            // Python's isinstance(v, (int, float, str)); bool is an int there
            if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                return v;
            }
        }
        for (Object v : d.values()) {
            if (v instanceof Map<?, ?> inner) {
                Object found = search(inner, keys);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
