package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A job's metadata ({@code nvflare job meta}).
 *
 * @param jobId the job
 * @param name job name
 * @param study the study
 * @param status FLARE's raw status, e.g. {@code RUNNING} or {@code FINISHED:COMPLETED}
 * @param submitTime submit time (ISO-8601), or null
 * @param startTime start time (ISO-8601), or null
 * @param duration FLARE's duration text (e.g. {@code 0:00:15.951915} or {@code N/A}), or null
 * @param submitterName who submitted it
 * @param deployDetail per-site deployment results (e.g. {@code site-1: OK})
 * @param raw every field FLARE returned
 */
public record JobMeta(
        String jobId,
        String name,
        String study,
        String status,
        String submitTime,
        String startTime,
        String duration,
        String submitterName,
        List<String> deployDetail,
        Map<String, Object> raw)
        implements Serializable {

    public JobMeta {
        deployDetail = Immutables.list(deployDetail);
        raw = Immutables.map(raw);
    }
}
