package io.jenkins.plugins.nvflare.agent;

import hudson.Util;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.job.JobIds;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console says while a job runs, the same for a Pipeline step's polls and a freestyle build's monitor: a
 * line when the job's status changes, a line when FLARE reports new metrics (a round's values), and an unchanged
 * state again only after {@link #HEARTBEAT_MILLIS}. How the job ended is the outcome's line, not one of these.
 * Saved with a Pipeline step, so a restarted controller does not repeat a line.
 */
public final class ProgressLog implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An unchanged state is said again at most this often. */
    public static final long HEARTBEAT_MILLIS = 5 * 60_000L;

    private static final int MAX_VALUE = 64;

    private String status;
    private long statusSince;
    private LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
    private long lastShown;

    /** The lines {@code p}, seen at {@code now} (milliseconds), adds to the console; often none. */
    public List<String> lines(Progress p, long now) {
        List<String> lines = new ArrayList<>();
        if (p.ended() || p.pollTimeout() || p.status() == null) {
            return lines;
        }
        String job = label(p.jobId(), p.jobName());
        if (!p.status().equals(status)) {
            status = p.status();
            statusSince = now;
            lines.add(Messages.ProgressLog_status(job, status));
        }
        if (!p.metrics().isEmpty() && !p.metrics().equals(metrics)) {
            metrics = new LinkedHashMap<>(p.metrics());
            lines.add(metricsLine(job, metrics));
        }
        if (lines.isEmpty() && now - lastShown >= HEARTBEAT_MILLIS) {
            lines.add(Messages.ProgressLog_still(job, status, Util.getTimeSpanString(now - statusSince)));
        }
        if (!lines.isEmpty()) {
            lastShown = now;
        }
        return lines;
    }

    /** FLARE's last status this log saw, or null. */
    public String status() {
        return status;
    }

    /** e.g. {@code e44ccf11 (hello-numpy)}: the id's first part, which tells jobs apart in one console. */
    static String label(String jobId, String jobName) {
        String id = JobIds.shortId(jobId);
        return jobName == null ? id : Messages.ProgressLog_label(id, jobName);
    }

    private static String metricsLine(String job, Map<String, Object> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> {
            if (!name.equals("round")) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(number(value));
            }
        });
        Object round = values.get("round");
        if (round == null) {
            return Messages.ProgressLog_metrics(job, text);
        }
        return text.length() == 0
                ? Messages.ProgressLog_round(job, number(round))
                : Messages.ProgressLog_roundMetrics(job, number(round), text);
    }

    /** A metric as a person reads it; a text FLARE sent is cut to {@value #MAX_VALUE} characters (it is untrusted). */
    private static String number(Object value) {
        String text = Metrics.display(value);
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "\u2026";
    }
}
