package io.jenkins.plugins.nvflare.steps;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A FLARE step that makes its calls and returns their answer in one go ({@code flareLogs}, {@code flareDownload},
 * {@code flareStatus}, {@code flareAbort}, {@code flareList}, {@code flareStats}), run on a background thread by
 * {@link OneShotExecution}.
 *
 * @param <T> what the step returns to the Pipeline: JDK types only
 */
public abstract class FlareCallStep<T> extends FlareStep {

    protected FlareCallStep(String credentialsId) {
        super(credentialsId);
    }

    /** The step's work; {@code flare} is ready to use. */
    abstract T call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception;

    @Override
    public final StepExecution start(StepContext context) {
        return new OneShotExecution<>(context, this);
    }
}
