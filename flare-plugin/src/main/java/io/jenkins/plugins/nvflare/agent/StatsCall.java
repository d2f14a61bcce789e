package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.FieldRules;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** {@code nvflare job stats}: the statistics per target (server, sites), as plain maps. */
public final class StatsCall extends JobCall<LinkedHashMap<String, Object>> {

    @Serial
    private static final long serialVersionUID = 1L;

    /** At most this many values (map entries and list items, at any depth) are returned to the Pipeline. */
    public static final int MAX_VALUES = 10_000;

    private final String site;

    public StatsCall(AgentContext context, String jobId, String site, String study) {
        super(context, jobId, study);
        this.site = site;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        return (LinkedHashMap<String, Object>) JobMaps.bounded(
                client.stats(jobId, FieldRules.require(site, FieldRules.site(site), "site"), study)
                        .stats(),
                MAX_VALUES);
    }
}
