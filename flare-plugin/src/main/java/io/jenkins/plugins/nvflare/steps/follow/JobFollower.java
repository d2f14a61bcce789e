package io.jenkins.plugins.nvflare.steps.follow;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.RequestAbortedException;
import io.jenkins.plugins.nvflare.FlareGlobalConfiguration;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.agent.PollAnswer;
import io.jenkins.plugins.nvflare.credentials.KitZipLookup;
import io.jenkins.plugins.nvflare.run.BuildRecorder;
import io.jenkins.plugins.nvflare.run.FlareFailureException;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.run.JobIds;
import io.jenkins.plugins.nvflare.run.Outcomes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a follow step does in each tick, and what it has to remember between ticks (saved with the step): reach the
 * agent, submit once, poll once, and after a stop abort the FLARE job. Each tick answers with a {@link Next};
 * {@link FollowExecution} does the scheduling.
 */
final class JobFollower implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(JobFollower.class.getName());

    private final FollowPlan plan;
    private long startedAt;
    private String submitToken;
    private String submitIdentity;
    private volatile String jobId;
    /** A poll reported the job's sites (for the build page's site table): later polls need not ask again. */
    private boolean sitesKnown;
    /** The native transport's login is kept on the agent under this key between the step's calls. */
    private String sessionKey;

    private final ProgressPrinter progress = new ProgressPrinter();
    private final AgentOffline offline = new AgentOffline();
    private final PollFailures pollFailures = new PollFailures();
    private volatile String activity;
    private transient volatile boolean kitUsed;
    /** The kit credential, looked up (and its use recorded) once per step; in memory only. */
    private transient volatile StandardCredentials credentials;
    /** How FLARE is reached, resolved from the step's environment once per step; in memory only. */
    private transient volatile FlareSettings settings;
    /** When a stop began to wait for the offline agent that is to abort the FLARE job. */
    private long abortWaitSince;

    JobFollower(FollowPlan plan) {
        this.plan = plan;
    }

    /** How often an offline agent is looked for again; a system property so tests need not wait. */
    private static long offlineRetryMillis() {
        return SystemProperties.getLong(FollowExecution.class.getName() + ".offlineRetryMillis", 10_000L);
    }

    /** The step starts: the submit token is fixed (before anything is uploaded), or the job id checked. */
    void begin(StepContext c) throws IOException, InterruptedException {
        startedAt = System.currentTimeMillis();
        sessionKey = UUID.randomUUID().toString();
        if (plan.submit()) {
            if (!plan.hasOneSource()) {
                throw new AbortException(Messages.FollowExecution_needsSource());
            }
            if (plan.submitToken() != null) {
                submitToken = plan.submitToken();
            } else {
                submitIdentity =
                        SubmitIdentity.of(c.get(FlowNode.class), plan.source().describe(), plan.study());
                submitToken = BuildRecorder.nextSubmitToken(c.get(Run.class), submitIdentity);
            }
            activity = Messages.FollowExecution_submitting(plan.source().describe());
        } else {
            jobId = JobIds.require(plan.jobId(), "flareWait");
            c.get(TaskListener.class).getLogger().println(FlareOperations.following(jobId, plan.timeoutSeconds()));
        }
    }

    /** The console line after a controller restart. */
    String resumed() {
        return jobId == null
                ? Messages.FollowExecution_restartedSubmitting(plan.source().describe(), submitToken)
                : Messages.FollowExecution_restartedFollowing(jobId);
    }

    /** Whether a submit may be in flight: the step has not got its job id yet. */
    boolean submitting() {
        return jobId == null && plan.submit();
    }

    /** What the step is doing, for the Pipeline's status. */
    String status() {
        String now = activity;
        return now != null
                ? now
                : jobId == null
                        ? Messages.FollowExecution_aboutToSubmit(plan.source().describe())
                        : Messages.FollowExecution_followingJob(jobId);
    }

    /** One round: reach the agent, submit if not done yet, poll once. */
    Next tick(StepContext c) throws Exception {
        TaskListener listener = c.get(TaskListener.class);
        PrintStream log = listener.getLogger();
        Reached reached = reachAgent(c, listener, null);
        if (reached.next() != null) {
            return reached.next();
        }
        FlareOperations flare = reached.flare();
        try {
            if (jobId == null) {
                Next submitted = submit(c, flare, log);
                if (submitted != null) {
                    return submitted;
                }
            }
            long now = System.currentTimeMillis();
            if (plan.timeoutSeconds() > 0 && now - startedAt > plan.timeoutSeconds() * 1000) {
                return end(flare, progress.timedOut(jobId, plan.study(), now - startedAt));
            }
            activity = Messages.FollowExecution_polling(jobId);
            PollAnswer answer;
            try {
                answer = flare.poll(jobId, plan.study(), plan.extraMetrics(), !sitesKnown);
            } catch (FlareFailureException e) {
                if (!pollFailures.mayPollOn(e)) {
                    throw e;
                }
                return pollFailed(log, e);
            }
            pollFailures.answered(log, jobId);
            sitesKnown |= !answer.sites().isEmpty();
            progress.show(answer, log, System.currentTimeMillis());
            flare.recorder().progress(jobId, plan.study(), answer.report());
            if (answer.ended()) {
                return end(flare, progress.withLastMetrics(answer.report()));
            }
        } catch (AbortException e) {
            flare.endSession();
            throw e; // FLARE's or the step's own error
        } catch (IOException | RequestAbortedException e) {
            if (AgentOffline.lost(flare.workspace()) || AgentOffline.channelTrouble(e)) {
                return agentOffline(log, AgentOffline.why(e), null);
            }
            throw e;
        }
        String every = String.valueOf(plan.intervalSeconds());
        activity = progress.lastStatus() == null
                ? Messages.FollowExecution_nextPoll(jobId, every)
                : Messages.FollowExecution_nextPollWithStatus(jobId, progress.lastStatus(), every);
        return new Next.Again(plan.intervalSeconds() * 1000);
    }

    /** Submits the job; null to go on following it, else how the step ends. */
    private Next submit(StepContext c, FlareOperations flare, PrintStream log)
            throws IOException, InterruptedException {
        activity = Messages.FollowExecution_submitting(plan.source().describe());
        saveState(c); // the token is saved before the upload begins
        // the plugin derived the token exactly when it knows where the submit sits (SubmitIdentity)
        String id = flare.submit(plan.source(), plan.study(), submitToken, submitIdentity != null, submitIdentity);
        jobId = id;
        saveState(c);
        if (!plan.follow()) {
            flare.endSession();
            return new Next.Succeed(id);
        }
        log.println(FlareOperations.following(id, plan.timeoutSeconds()));
        return null;
    }

    /** The build was stopped with {@code cause}: abort the FLARE job (when asked to and it is known), then end. */
    Next stop(StepContext c, Throwable cause) throws Exception {
        TaskListener listener = c.get(TaskListener.class);
        String id = jobId;
        if (id == null) {
            if (plan.submit()) {
                listener.getLogger()
                        .println(Messages.FollowExecution_interruptedSubmitting(
                                plan.source().describe(), submitToken));
            }
            return new Next.Fail(cause);
        }
        if (!plan.follow()) {
            return new Next.Fail(cause);
        }
        if (!plan.abortOnInterrupt()) {
            FlareOperations.leftRunning(c.get(Run.class), listener, id, plan.study());
            return new Next.Fail(cause);
        }
        activity = Messages.FollowExecution_aborting(id);
        Reached reached = reachAgent(c, listener, cause);
        if (reached.next() != null) {
            return reached.next();
        }
        reached.flare().interrupted(id, plan.study(), true);
        reached.flare().endSession();
        return new Next.Fail(cause);
    }

    /** The stop could not abort the FLARE job: says so, naming the job (when it has one) and why. */
    void couldNotAbort(StepContext c, Throwable failure) throws IOException, InterruptedException {
        String id = jobId;
        if (id != null && plan.follow() && plan.abortOnInterrupt()) {
            String why = failure.getMessage() != null ? failure.getMessage() : failure.toString();
            c.get(TaskListener.class).getLogger().println(Messages.FollowExecution_couldNotAbort(id, why));
        }
    }

    /** The step's operations on the agent that holds the workspace, or what to do while that agent is offline. */
    private record Reached(FlareOperations flare, Next next) {}

    private Reached reachAgent(StepContext c, TaskListener listener, Throwable stopCause)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        FilePath ws;
        try {
            ws = c.get(FilePath.class);
        } catch (IOException e) { // the node block's agent is offline: its workspace cannot be had
            return new Reached(null, agentOffline(log, e.getMessage(), stopCause));
        }
        if (ws != null && AgentOffline.lost(ws)) {
            return new Reached(null, agentOffline(log, Messages.FollowExecution_channelClosed(), stopCause));
        }
        try {
            Run<?, ?> run = c.get(Run.class);
            if (credentials == null) {
                credentials = KitZipLookup.find(plan.credentialsId(), run);
            }
            if (settings == null) {
                // the step's environment is fixed while it runs; computing it tracks a credentials parameter again
                settings = plan.settings(c.get(EnvVars.class));
            }
            FlareOperations flare = FlareOperations.open(run, ws, null, listener, credentials, settings, !kitUsed);
            // idle a poll interval and a minute at most: an ended or lost step leaves nothing behind for long
            flare = flare.keepingSession(sessionKey, plan.intervalSeconds() + 60);
            kitUsed = true;
            offline.backOnline(log, jobId);
            return new Reached(flare, null);
        } catch (AbortException e) {
            throw e;
        } catch (IOException | RequestAbortedException e) {
            if (AgentOffline.lost(ws) || AgentOffline.channelTrouble(e)) {
                return new Reached(null, agentOffline(log, AgentOffline.why(e), stopCause));
            }
            throw e;
        }
    }

    private Next agentOffline(PrintStream log, String why, Throwable stopCause) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null || jenkins.isTerminating()) {
            return new Next.Idle(); // the controller disconnects its agents as it shuts down
        }
        long now = System.currentTimeMillis();
        if (stopCause != null) {
            return abortWhileOffline(log, why, stopCause, now);
        }
        int minutes = FlareGlobalConfiguration.get().agentReconnectMinutes();
        if (!offline.waitOn(log, why, jobId, now, minutes, offlineRetryMillis())) {
            return giveUp(minutes);
        }
        activity = Messages.FollowExecution_waitingForAgent(offline.away(now));
        return new Next.Again(offlineRetryMillis());
    }

    /**
     * A stop waits a short while for the agent that is to abort the FLARE job ({@link #abortOfflineMillis()}), not
     * the minutes a running job is waited for: whoever stops a build expects it to end.
     */
    private Next abortWhileOffline(PrintStream log, String why, Throwable stopCause, long now) {
        long bound = abortOfflineMillis();
        if (abortWaitSince == 0) {
            abortWaitSince = now;
            log.println(Messages.FollowExecution_abortWaitsForAgent(jobId, why, String.valueOf(bound / 1000)));
        }
        if (now - abortWaitSince >= bound) {
            log.println(Messages.FollowExecution_couldNotAbort(
                    jobId, Messages.FollowExecution_agentOfflineFor(String.valueOf(bound / 1000))));
            return new Next.Fail(stopCause);
        }
        activity = Messages.FollowExecution_waitingForAgent(Util.getTimeSpanString(now - abortWaitSince));
        return new Next.Again(Math.min(offlineRetryMillis(), Math.max(1, bound - (now - abortWaitSince))));
    }

    /** How long a stop waits for an offline agent to abort the FLARE job; a system property (default 30 s). */
    private static long abortOfflineMillis() {
        return SystemProperties.getLong(FollowExecution.class.getName() + ".abortOfflineSeconds", 30L) * 1000;
    }

    private Next giveUp(int minutes) {
        String id = jobId;
        String offlineFor = Messages.FollowExecution_offlineTooLong(String.valueOf(minutes));
        if (id == null) {
            return new Next.Fail(new AbortException(Messages.FollowExecution_notSubmitted(
                    offlineFor, plan.source().describe(), submitToken)));
        }
        return new Next.Fail(new AbortException(Messages.FollowExecution_stoppedFollowing(offlineFor, id)));
    }

    private Next pollFailed(PrintStream log, FlareFailureException e) throws FlareFailureException {
        long now = System.currentTimeMillis();
        if (!pollFailures.pollOn(
                log, e, jobId, now, FlareGlobalConfiguration.get().agentReconnectMinutes())) {
            throw e;
        }
        activity = Messages.FollowExecution_flareNotAnswering(pollFailures.failingFor(now));
        return new Next.Again(plan.intervalSeconds() * 1000);
    }

    private Next end(FlareOperations flare, JobReport report) throws IOException {
        flare.endSession();
        flare.ended(report, plan.study(), plan.propagate());
        Throwable failure = plan.propagate() ? Outcomes.failure(report) : null;
        return failure != null
                ? new Next.Fail(failure)
                : new Next.Succeed(plan.submit() ? jobId : Outcomes.toMap(report));
    }

    private void saveState(StepContext c) throws InterruptedException {
        try {
            c.saveState().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not save the state of " + plan.stepName(), e);
        }
    }
}
