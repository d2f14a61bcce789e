package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;

/** {@code nvflare job abort}: returns FLARE's answer (its status), or null. */
public final class AbortCall extends JobCall<String> {

    @Serial
    private static final long serialVersionUID = 1L;

    public AbortCall(AgentContext context, String jobId, String study) {
        super(context, jobId, study);
    }

    @Override
    protected String call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        return client.abort(jobId, study).status();
    }
}
