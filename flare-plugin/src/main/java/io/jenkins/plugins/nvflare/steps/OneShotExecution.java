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
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** What the step does, for the Pipeline's status (the step itself is not saved). */
    private final String status;

    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;
    private transient volatile boolean started;
    private final AtomicBoolean ended = new AtomicBoolean();

    OneShotExecution(StepContext context, FlareCallStep<T> step) {
        super(context);
        this.step = step;
        this.status = Messages.OneShotExecution_status(step.getDescriptor().getFunctionName());
    }

    @Override
    public final boolean start() {
        Authentication auth = Jenkins.getAuthentication2();
        task = Computer.threadPoolForRemoting.submit(() -> {
            started = true;
            if (stopCause != null) {
                fail(stopCause);
                return;
            }
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
                T value = step.call(flare, run, listener, env);
                if (ended.compareAndSet(false, true)) {
                    c.onSuccess(value);
                }
            } catch (Throwable x) {
                Throwable cause = stopCause;
                if (cause != null) {
                    // The interrupt is how the stop reached the step; anything else went wrong on the way out.
                    if (!(x instanceof InterruptedException) && x != cause) {
                        cause.addSuppressed(x);
                    }
                    fail(cause);
                } else {
                    fail(x);
                }
            }
        });
        return false;
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        stopCause = cause;
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
        if (running == null || !started) {
            fail(cause); // a task cancelled before it ran never ends the step itself
        }
    }

    private void fail(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        return status;
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
