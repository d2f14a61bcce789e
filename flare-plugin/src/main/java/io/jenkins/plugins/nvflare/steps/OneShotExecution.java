package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.io.Serial;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Runs a one-shot FLARE step ({@code flareLogs}, {@code flareDownload}) on a background thread. Unlike {@code SynchronousNonBlockingStepExecution},
 * stopping the step only interrupts that thread and lets it finish: the step can then abort the
 * FLARE job and log it before the build ends.
 */
final class OneShotExecution<T> extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient FlareCallStep<T> step;
    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;

    OneShotExecution(StepContext context, FlareCallStep<T> step) {
        super(context);
        this.step = step;
    }

    @Override
    public final boolean start() {
        Authentication auth = Jenkins.getAuthentication2();
        task = Computer.threadPoolForRemoting.submit(() -> {
            try (ACLContext ignored = ACL.as2(auth)) {
                StepContext c = getContext();
                Run<?, ?> run = c.get(Run.class);
                TaskListener listener = c.get(TaskListener.class);
                EnvVars env = c.get(EnvVars.class);
                FlareOperations flare = FlareOperations.open(
                        run,
                        c.get(FilePath.class),
                        c.get(Launcher.class),
                        listener,
                        step.getCredentialsId(),
                        step.settings(env));
                c.onSuccess(step.call(flare, run, listener, env));
            } catch (Throwable x) {
                Throwable cause = stopCause;
                if (cause != null) {
                    // The interrupt is how the stop reached the step; anything else went wrong on the way out.
                    if (!(x instanceof InterruptedException)) {
                        cause.addSuppressed(x);
                    }
                    getContext().onFailure(cause);
                } else {
                    getContext().onFailure(x);
                }
            }
        });
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        stopCause = cause;
        Future<?> running = task;
        if (running == null) {
            getContext().onFailure(cause);
        } else {
            running.cancel(true);
        }
    }

    /** A one-shot operation (logs, download) cannot resume half-way: a safe restart waits for it. */
    @Override
    public boolean blocksRestart() {
        Future<?> running = task;
        return running != null && !running.isDone();
    }

    @Override
    public void onResume() {
        getContext().onFailure(new hudson.AbortException(Messages.OneShotExecution_restarted()));
    }
}
