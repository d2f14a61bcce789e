package io.jenkins.plugins.nvflare.steps.follow;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Computer;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serial;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@code flareSubmit} and {@code flareWait}, durable the way {@code sleep} and {@code sh} are
 * ({@code SleepStep}, {@code DurableTaskStep}): the state lives in this object, which is saved with the
 * Pipeline, and every FLARE operation is one short agent call (the kit materialised for it and deleted after)
 * run from a pool thread; between polls a timer waits and nothing holds a thread, a remoting request or the kit.
 *
 * <p>This class runs the ticks: when, on which thread, and how the step ends; a stop interrupts the call in flight
 * and a second stop ends the step at once. What a tick does, and what survives a restart, is the
 * {@link JobFollower}'s. After a controller restart {@link #onResume()} carries on from the saved state.
 */
public final class FollowExecution extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(FollowExecution.class.getName());

    private final JobFollower follower;
    private volatile Throwable stopCause;

    /** The Jenkins this execution was started or resumed in; a tick left over from an earlier one does nothing. */
    private transient Jenkins home;

    private transient boolean running;
    private transient boolean done;
    private transient Future<?> task;

    public FollowExecution(StepContext context, FollowPlan plan) {
        super(context);
        this.follower = new JobFollower(plan);
    }

    @Override
    public boolean start() throws Exception {
        home = Jenkins.get();
        follower.begin(getContext());
        schedule(0);
        return false;
    }

    @Override
    public void onResume() {
        home = Jenkins.get();
        try {
            getContext().get(TaskListener.class).getLogger().println(follower.resumed());
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "no listener after a restart", e);
        }
        schedule(0);
    }

    @Override
    public void stop(@NonNull Throwable cause) {
        Future<?> current;
        boolean again;
        synchronized (this) {
            if (done) {
                return;
            }
            again = stopCause != null;
            if (again) {
                done = true; // stopped twice: end now, without waiting for the FLARE abort
            } else {
                stopCause = cause;
            }
            current = task;
        }
        if (current != null) {
            current.cancel(true); // interrupts a call in flight; the next tick aborts the FLARE job
        }
        if (again) {
            getContext().onFailure(cause);
        } else {
            schedule(0);
        }
    }

    /** A submit in flight cannot resume half-way, so it holds a safe restart back; waiting for FLARE does not. */
    @Override
    public synchronized boolean blocksRestart() {
        return running && follower.submitting();
    }

    @Override
    public String getStatus() {
        return follower.status();
    }

    private synchronized void schedule(long delayMillis) {
        if (done || Jenkins.getInstanceOrNull() != home) {
            return;
        }
        task = Timer.get().schedule(this::launch, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Moves the tick off the timer: it makes remote calls. */
    private synchronized void launch() {
        if (!done) {
            task = Computer.threadPoolForRemoting.submit(this::tick);
        }
    }

    private void tick() {
        synchronized (this) {
            if (done || Jenkins.getInstanceOrNull() != home) {
                return;
            }
            if (running) { // a stop's tick while the interrupted call still unwinds
                schedule(200);
                return;
            }
            running = true;
        }
        Throwable cause = stopCause;
        try {
            apply(cause != null ? follower.stop(getContext(), cause) : follower.tick(getContext()));
        } catch (Throwable t) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins == null || jenkins != home || jenkins.isTerminating()) {
                LOGGER.log(Level.FINE, "Jenkins is shutting down; the step carries on when it resumes", t);
            } else if (cause != null) {
                stopFailed(cause, t);
            } else if (stopCause == null) {
                finish(t);
            } else {
                LOGGER.log(Level.FINE, "a call interrupted by a stop", t); // the stop's own tick ends the step
            }
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }

    /**
     * Whatever goes wrong while a stop aborts the FLARE job (a credential deleted meanwhile, a workspace that cannot be
     * had, a failed save) ends the step with the stop's cause, the failure attached and said in the console: a stop
     * never leaves the build aborting.
     */
    private void stopFailed(Throwable cause, Throwable failure) {
        if (failure != cause) {
            cause.addSuppressed(failure);
        }
        try {
            follower.couldNotAbort(getContext(), failure);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.FINE, "no listener to say the abort failed", e);
        }
        finish(cause);
    }

    private void apply(Next next) {
        if (next instanceof Next.Again again) {
            schedule(again.delayMillis());
        } else if (next instanceof Next.Succeed success) {
            succeed(success.value());
        } else if (next instanceof Next.Fail failure) {
            finish(failure.cause());
        } // Idle: nothing until Jenkins resumes the step
    }

    private synchronized boolean claimDone() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    private void finish(Throwable failure) {
        if (claimDone()) {
            getContext().onFailure(failure);
        }
    }

    private void succeed(Object value) {
        if (claimDone()) {
            getContext().onSuccess(value);
        }
    }
}
