package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;

/** One row of {@code nvflare job list}. */
public record JobSummary(String jobId, String jobName, String status, String submitTime, String duration, String study)
        implements Serializable {}
