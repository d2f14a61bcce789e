package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** {@code nvflare job meta}, as {@link JobMaps#status}. */
public final class MetaCall extends JobCall<LinkedHashMap<String, Object>> {

    @Serial
    private static final long serialVersionUID = 1L;

    public MetaCall(AgentContext context, String jobId, String study) {
        super(context, jobId, study);
    }

    @Override
    protected LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        return JobMaps.status(client.meta(jobId, study));
    }
}
