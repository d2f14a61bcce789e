package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.Map;

/**
 * Bounded job logs ({@code nvflare job logs}).
 *
 * @param jobId the job
 * @param target what was asked: {@code server}, {@code all} or a site name
 * @param logs log text per site, in FLARE's order (lines as FLARE stored them, often JSON records)
 * @param truncated whether any site's log was cut by a bound
 * @param sites per-site facts ({@code available}, {@code lines}, {@code bytes}, {@code logs_truncated})
 * @param filters the bounds FLARE applied ({@code tail}, {@code since}, {@code max_bytes}, ...)
 * @param unavailable sites whose logs FLARE could not provide, with the reason
 */
public record JobLogs(
        String jobId,
        String target,
        Map<String, String> logs,
        boolean truncated,
        Map<String, Object> sites,
        Map<String, Object> filters,
        Map<String, String> unavailable)
        implements Serializable {

    public JobLogs {
        logs = Immutables.map(logs);
        sites = Immutables.map(sites);
        filters = Immutables.map(filters);
        unavailable = Immutables.map(unavailable);
    }
}
