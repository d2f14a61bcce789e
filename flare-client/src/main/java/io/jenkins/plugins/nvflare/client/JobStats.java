package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.Map;

/** Running statistics per site ({@code server}, {@code site-1}, ...), as FLARE reports them. */
public record JobStats(String jobId, Map<String, Object> stats) implements Serializable {
    public JobStats {
        stats = Immutables.map(stats);
    }
}
