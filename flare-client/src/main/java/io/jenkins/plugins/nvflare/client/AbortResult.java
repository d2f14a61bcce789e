package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;

/**
 * The answer to an abort. FLARE answers {@code ABORTED} even for a job that had already finished (the
 * job then keeps its final status), so read {@link FlareClient#meta} for the real status.
 */
public record AbortResult(String jobId, String status) implements Serializable {}
