package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.List;

/**
 * The answer to a log-config ({@code nvflare job log-config}).
 *
 * @param jobId the job
 * @param config the level or mode as it was sent
 * @param sites what was asked: {@code ["all"]}, {@code ["server"]} or {@code ["<site>"]}
 * @param status always {@code applied}
 */
public record LogConfigResult(String jobId, String config, List<String> sites, String status) implements Serializable {
    public LogConfigResult {
        sites = Immutables.list(sites);
    }
}
