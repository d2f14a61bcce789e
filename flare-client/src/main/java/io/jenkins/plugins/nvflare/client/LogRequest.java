package io.jenkins.plugins.nvflare.client;

/**
 * Which logs and how much of them. Any explicit bound disables FLARE's default 500-line tail.
 *
 * @param site {@code server} (FLARE's default when {@code null}), {@code all}, or a site name
 * @param tail at most this many last lines per site, or {@code null}
 * @param since only lines at or after this timestamp (e.g. {@code 2026-11-24 23:18:51}), or {@code null}
 * @param maxBytes at most this many bytes per site, or {@code null}
 * @param study the job's study; {@code null} means {@code default}
 */
public record LogRequest(String site, Integer tail, String since, Long maxBytes, String study) {
    public LogRequest {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("tail must be >= 0, was " + tail);
        }
        if (maxBytes != null && maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
    }
}
