package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;

/** {@code nvflare job clone}: returns the new job's id. */
public final class CloneCall extends JobCall<String> {

    @Serial
    private static final long serialVersionUID = 1L;

    public CloneCall(AgentContext context, String jobId, String study) {
        super(context, jobId, study);
    }

    @Override
    protected String call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        return client.cloneJob(jobId, study).newJobId();
    }
}
