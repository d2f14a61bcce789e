package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.FieldRules;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** {@code nvflare job log-config}: FLARE's answer as a plain map. */
public final class LogLevelCall extends JobCall<LinkedHashMap<String, Object>> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String level;
    private final String site;

    public LogLevelCall(AgentContext context, String jobId, String level, String site, String study) {
        super(context, jobId, study);
        this.level = level;
        this.site = site;
    }

    @Override
    protected LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        LogConfigResult result = client.logConfig(
                jobId, new LogConfigRequest(level, FieldRules.require(site, FieldRules.site(site), "site"), study));
        LinkedHashMap<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", result.jobId());
        answer.put("config", result.config());
        answer.put("sites", new ArrayList<>(result.sites()));
        answer.put("status", result.status());
        return answer;
    }
}
