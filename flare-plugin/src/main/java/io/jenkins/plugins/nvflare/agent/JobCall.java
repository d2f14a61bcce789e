package io.jenkins.plugins.nvflare.agent;

import java.io.Serial;

/**
 * A call about one job: its id and study.
 *
 * @param <T> the answer
 */
public abstract class JobCall<T> extends AgentCall<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    protected final String jobId;
    protected final String study;

    protected JobCall(AgentContext context, String jobId, String study) {
        super(context);
        this.jobId = jobId;
        this.study = study;
    }

    @Override
    public String study() {
        return study;
    }
}
