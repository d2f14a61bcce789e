package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.ChannelClosedException;
import hudson.remoting.RequestAbortedException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.cli.TerminalTexts;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.channels.ClosedChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@code flareSubmit} and {@code flareWait}, durable the way {@code sleep} and {@code sh} are
 * ({@code SleepStep}, {@code DurableTaskStep}): the state lives in this object, which is saved with the
 * Pipeline, and every FLARE operation is one short agent call (the kit materialised for it and deleted after)
 * run from a pool thread; between polls a timer waits and nothing holds a thread, a remoting request or the kit.
 *
 * <p>After a controller restart {@link #onResume()} carries on from the saved state: the console goes on without
 * repeating a progress line, and the timeout counts wall time since the step started. While the agent is offline
 * the step waits for it, up to the global {@linkplain FlareGlobalConfiguration#getAgentReconnectTimeout() limit}.
 * A stop aborts the FLARE job with one more agent call, once the agent is reachable.
 */
final class JobFollowExecution extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(JobFollowExecution.class.getName());

    /** An unchanged progress line is shown again at most this often. */
    private static final long HEARTBEAT_MILLIS = 60_000;

    private final FollowPlan plan;
    private long startedAt;
    private String submitToken;
    private String submitIdentity;
    private volatile String jobId;
    private volatile Throwable stopCause;
    private String jobName;
    private String lastStatus;
    private String lastKey;
    private long lastShown;
    private LinkedHashMap<String, Object> lastMetrics = new LinkedHashMap<>();
    private long offlineSince;
    /** A poll got an answer about the job: from then on a FLARE that does not answer is waited for. */
    private boolean jobSeen;
    private long pollFailingSince;
    /** A poll reported the job's sites (for the build page's site table): later polls need not ask again. */
    private boolean sitesKnown;
    /** The native transport's login is kept on the agent under this key between the step's calls. */
    private String sessionKey;

    /** The Jenkins this execution was started or resumed in; a tick left over from an earlier one does nothing. */
    private transient Jenkins home;
    private transient boolean running;
    private transient boolean done;
    private transient Future<?> task;
    private volatile String activity;
    private transient volatile boolean kitUsed;

    JobFollowExecution(StepContext context, FollowPlan plan) {
        super(context);
        this.plan = plan;
    }

    /** How often an offline agent is looked for again; a system property so tests need not wait. */
    private static long offlineRetryMillis() {
        return SystemProperties.getLong(JobFollowExecution.class.getName() + ".offlineRetryMillis", 10_000L);
    }

    @Override
    public boolean start() throws Exception {
        home = Jenkins.get();
        startedAt = System.currentTimeMillis();
        sessionKey = UUID.randomUUID().toString();
        if (plan.submit()) {
            JobSource source = plan.source();
            if (source == null || (source.jobFolder() == null) == (source.jobScript() == null)) {
                throw new AbortException("flareSubmit needs either jobFolder or jobScript.");
            }
            if (plan.submitToken() != null) {
                submitToken = plan.submitToken();
            } else {
                submitIdentity = SubmitIdentity.of(getContext().get(FlowNode.class), source.describe(), plan.study());
                submitToken = SubmitIdentity.token(getContext().get(Run.class), submitIdentity);
            }
            activity = "submitting " + plan.source().describe();
        } else {
            jobId = JobIds.require(plan.jobId(), "flareWait");
            following(getContext().get(TaskListener.class).getLogger());
        }
        schedule(0);
        return false;
    }

    @Override
    public void onResume() {
        home = Jenkins.get();
        try {
            getContext().get(TaskListener.class).getLogger().println(jobId == null
                    ? "[FLARE] Jenkins restarted: submitting " + plan.source().describe() + " again with the same submit token "
                            + submitToken + " (FLARE answers with the job it already has for it)."
                    : "[FLARE] Jenkins restarted: following FLARE job " + jobId + " again.");
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
        return running && jobId == null && plan.submit();
    }

    @Override
    public String getStatus() {
        String now = activity;
        return now != null ? now : jobId == null ? "about to submit " + plan.source().describe() : "following FLARE job " + jobId;
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
        try {
            if (stopCause != null) {
                stopping();
            } else {
                step();
            }
        } catch (Throwable t) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins == null || jenkins != home || jenkins.isTerminating()) {
                LOGGER.log(Level.FINE, "Jenkins is shutting down; the step carries on when it resumes", t);
            } else if (stopCause == null) {
                finish(t);
            } else if (!(t instanceof InterruptedException)) {
                LOGGER.log(Level.FINE, "after a stop", t); // the stop's own tick ends the step
            }
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }

    /** One round: reach the agent, submit if not done yet, poll once. */
    private void step() throws Exception {
        StepContext c = getContext();
        TaskListener listener = c.get(TaskListener.class);
        FlareRun flare = reachAgent(c, listener);
        if (flare == null) {
            return;
        }
        try {
            if (jobId == null) {
                activity = "submitting " + plan.source().describe();
                saveState(); // the token is saved before the upload begins
                // the plugin derived the token exactly when it knows where the submit sits (SubmitIdentity)
                String id = flare.submit(plan.source(), plan.study(), submitToken, submitIdentity != null, submitIdentity);
                jobId = id;
                saveState();
                if (!plan.follow()) {
                    flare.endSession();
                    succeed(id);
                    return;
                }
                following(listener.getLogger());
            }
            long now = System.currentTimeMillis();
            if (plan.timeoutSeconds() > 0 && now - startedAt > plan.timeoutSeconds() * 1000) {
                end(flare, timedOut(now));
                return;
            }
            activity = "polling FLARE job " + jobId;
            PollAnswer answer;
            try {
                answer = flare.poll(jobId, plan.study(), plan.extraMetrics(), !sitesKnown);
            } catch (FlareFailureException e) {
                if (!jobSeen || !e.mayPass()) {
                    throw e;
                }
                pollFailed(listener.getLogger(), e);
                return;
            }
            answered(listener.getLogger());
            sitesKnown |= !answer.sites().isEmpty();
            show(answer, listener.getLogger());
            flare.progress(jobId, plan.study(), answer.report());
            if (answer.ended()) {
                end(flare, withLastMetrics(answer.report()));
                return;
            }
        } catch (AbortException e) {
            flare.endSession();
            throw e; // FLARE's or the step's own error
        } catch (IOException | RequestAbortedException e) {
            if (lost(flare.workspace()) || channelTrouble(e)) {
                agentOffline(listener, e.toString());
                return;
            }
            throw e;
        }
        activity = "following FLARE job " + jobId + (lastStatus == null ? "" : " (" + lastStatus + ")")
                + ", next poll in " + plan.intervalSeconds() + "s";
        schedule(plan.intervalSeconds() * 1000);
    }

    /** The build was stopped: abort the FLARE job (when asked to and it is known), then end the step. */
    private void stopping() throws Exception {
        StepContext c = getContext();
        TaskListener listener = c.get(TaskListener.class);
        String id = jobId;
        if (id == null) {
            if (plan.submit()) {
                listener.getLogger().println("[FLARE] Build interrupted while submitting " + plan.source().describe()
                        + ": if FLARE received the job, it keeps running (submit token " + submitToken + ").");
            }
            finish(stopCause);
            return;
        }
        if (!plan.follow()) {
            finish(stopCause);
            return;
        }
        if (!plan.abortOnInterrupt()) {
            FlareRun.leftRunning(c.get(Run.class), listener, id, plan.study());
            finish(stopCause);
            return;
        }
        activity = "aborting FLARE job " + id;
        FlareRun flare = reachAgent(c, listener);
        if (flare == null) {
            return;
        }
        flare.interrupted(id, plan.study(), true);
        flare.endSession();
        finish(stopCause);
    }

    /**
     * Opens the step's FLARE operations on the agent holding the workspace, or returns null when that agent is
     * offline (and waits for it, or gives up after the configured limit).
     */
    private FlareRun reachAgent(StepContext c, TaskListener listener) throws IOException, InterruptedException {
        FilePath ws;
        try {
            ws = c.get(FilePath.class);
        } catch (IOException e) { // the node block's agent is offline: its workspace cannot be had
            agentOffline(listener, e.getMessage());
            return null;
        }
        if (ws != null && lost(ws)) {
            agentOffline(listener, "its channel is closed");
            return null;
        }
        try {
            FlareRun flare = FlareRun.open(c.get(Run.class), ws, null, listener, plan.credentialsId(),
                    plan.settings(c.get(EnvVars.class)), !kitUsed);
            if (sessionKey != null) {
                // idle a poll interval and a minute at most: an ended or lost step leaves nothing behind for long
                flare = flare.keepingSession(sessionKey, plan.intervalSeconds() + 60);
            }
            kitUsed = true;
            backOnline(listener);
            return flare;
        } catch (AbortException e) {
            throw e;
        } catch (IOException | RequestAbortedException e) {
            if (lost(ws) || channelTrouble(e)) {
                agentOffline(listener, e.toString());
                return null;
            }
            throw e;
        }
    }

    private void agentOffline(TaskListener listener, String why) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null || jenkins.isTerminating()) {
            return; // the controller disconnects its agents as it shuts down; the step carries on when it resumes
        }
        long now = System.currentTimeMillis();
        int minutes = FlareGlobalConfiguration.get().agentReconnectMinutes();
        PrintStream log = listener.getLogger();
        if (offlineSince == 0) {
            offlineSince = now;
            log.println("[FLARE] The agent is offline (" + why + "); waiting up to " + minutes + " min for it to come back"
                    + (jobId == null ? "." : ". FLARE job " + jobId + " keeps running meanwhile."));
        } else if (now - offlineSince > minutes * 60_000L) {
            giveUp(log, minutes);
            return;
        }
        activity = "waiting for the agent to come back (offline for " + Util.getTimeSpanString(now - offlineSince) + ")";
        schedule(offlineRetryMillis());
    }

    private void giveUp(PrintStream log, int minutes) {
        String id = jobId;
        String offline = "The agent stayed offline for more than " + minutes + " min (Manage Jenkins › System › NVIDIA FLARE)";
        if (stopCause != null) {
            log.println("[FLARE] Could not abort FLARE job " + id + ": " + offline + ". Abort it with nvflare job abort " + id + ".");
            finish(stopCause);
        } else if (id == null) {
            finish(new AbortException("[FLARE] " + offline + "; " + plan.source().describe() + " was not submitted, or its answer was lost"
                    + " (submit token " + submitToken + ")."));
        } else {
            finish(new AbortException("[FLARE] " + offline + "; stopped following FLARE job " + id
                    + ", which keeps running. Follow it again with flareWait jobId: '" + id + "'."));
        }
    }

    /**
     * FLARE did not answer a poll (server busy or restarting, a CLI that could not log in): the job was seen before,
     * so the kit and the job id are good. Polls go on for as long as an offline agent is waited for.
     */
    private void pollFailed(PrintStream log, FlareFailureException e) throws FlareFailureException {
        long now = System.currentTimeMillis();
        int minutes = FlareGlobalConfiguration.get().agentReconnectMinutes();
        if (pollFailingSince == 0) {
            pollFailingSince = now;
            log.println(e.getMessage());
            log.println("[FLARE] FLARE did not answer this poll; polling on for up to " + minutes + " min. FLARE job "
                    + jobId + " is not affected.");
        } else if (now - pollFailingSince > minutes * 60_000L) {
            throw e;
        }
        activity = "FLARE does not answer polls (since " + Util.getTimeSpanString(now - pollFailingSince) + ")";
        schedule(plan.intervalSeconds() * 1000);
    }

    private void answered(PrintStream log) {
        jobSeen = true;
        if (pollFailingSince != 0) {
            pollFailingSince = 0;
            log.println("[FLARE] FLARE answers again: following FLARE job " + jobId + ".");
        }
    }

    private void backOnline(TaskListener listener) {
        if (offlineSince != 0) {
            offlineSince = 0;
            listener.getLogger().println("[FLARE] The agent is back online"
                    + (jobId == null ? "." : ": following FLARE job " + jobId + " again."));
        }
    }

    /** Whether the agent of {@code ws} went away (its channel closed or its computer is offline). */
    static boolean lost(FilePath ws) {
        if (ws == null) {
            return false;
        }
        VirtualChannel channel = ws.getChannel();
        if (channel instanceof Channel remote && remote.isClosingOrClosed()) {
            return true;
        }
        Computer computer = ws.toComputer();
        return computer == null || computer.isOffline();
    }

    /** Whether a call failed because the agent's connection broke (before its computer is marked offline). */
    static boolean channelTrouble(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChannelClosedException || t instanceof RequestAbortedException
                    || t instanceof ClosedChannelException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private void following(PrintStream log) {
        log.println("[FLARE] Following job " + jobId + (plan.timeoutSeconds() > 0 ? " (timeout " + plan.timeoutSeconds() + "s)" : ""));
    }

    /** Prints each event that says something new, and keeps the last status and metrics for the outcome. */
    private void show(PollAnswer answer, PrintStream log) {
        long now = System.currentTimeMillis();
        for (PollAnswer.Line line : answer.lines()) {
            if (line.pollTimeout()) {
                continue;
            }
            if (!line.key().equals(lastKey) || now - lastShown >= HEARTBEAT_MILLIS) {
                log.println(line.text());
                lastKey = line.key();
                lastShown = now;
            }
        }
        log.flush();
        JobReport report = answer.report();
        if (!report.metrics().isEmpty()) {
            lastMetrics = new LinkedHashMap<>(report.metrics());
        }
        if (report.jobStatus() != null) {
            lastStatus = report.jobStatus();
        }
        if (report.jobName() != null) {
            jobName = report.jobName();
        }
    }

    /** FLARE's last poll of a finished job has no running statistics: the outcome keeps the last metrics seen. */
    private JobReport withLastMetrics(JobReport r) {
        if (!r.metrics().isEmpty() || lastMetrics.isEmpty()) {
            return r;
        }
        return new JobReport(r.jobId(), r.jobName(), r.study(), r.jobStatus(), r.outcome(), r.durationSeconds(),
                lastMetrics, r.errorCode(), r.message(), r.hint());
    }

    /** The step's timeout passed: the CLI's monitor timeout outcome, for the time since the step started. */
    private JobReport timedOut(long now) {
        Map<String, Object> metrics = new LinkedHashMap<>(lastMetrics);
        return new JobReport(jobId, jobName, plan.study(), lastStatus, JobOutcome.TIMEOUT, (now - startedAt) / 1000.0,
                metrics, ErrorCodes.TIMEOUT, TerminalTexts.message(ErrorCodes.TIMEOUT, jobId),
                "Increase the step's timeout (seconds) or check server load.");
    }

    private void end(FlareRun flare, JobReport report) throws IOException {
        flare.endSession();
        flare.ended(report, plan.study(), plan.propagate());
        Throwable failure = plan.propagate() ? Outcomes.failure(report) : null;
        if (failure != null) {
            finish(failure);
        } else {
            succeed(plan.submit() ? jobId : Outcomes.toMap(report));
        }
    }

    private void saveState() throws InterruptedException {
        try {
            getContext().saveState().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not save the state of " + plan.stepName(), e);
        }
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
