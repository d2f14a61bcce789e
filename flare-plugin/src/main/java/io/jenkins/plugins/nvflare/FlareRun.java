package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Fingerprint;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import hudson.tasks.Fingerprinter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.BuildListenerAdapter;

/**
 * The FLARE operations of one step or build step, on the controller side: finds the kit
 * credential, runs each operation on the agent that holds the workspace, and records the job on
 * the build page. Shared by the Pipeline steps and the freestyle builders.
 */
final class FlareRun {

    private static final Logger LOGGER = Logger.getLogger(FlareRun.class.getName());

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;
    private final AgentCall.Context context;

    private FlareRun(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, AgentCall.Context context) {
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
        this.context = context;
    }

    static FlareRun open(
            Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, String credentialsId, FlareSettings settings)
            throws IOException, InterruptedException {
        return open(run, workspace, launcher, listener, credentialsId, settings, true);
    }

    /**
     * Like {@link #open(Run, FilePath, Launcher, TaskListener, String, FlareSettings)}; {@code firstCall} false is for
     * the later polls of a step: the credential's use is not recorded again and the kit's warnings are not repeated.
     * {@code launcher} may be null when nothing is archived.
     */
    static FlareRun open(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, String credentialsId,
                         FlareSettings settings, boolean firstCall) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException("NVIDIA FLARE steps need a workspace: run them inside node { ... }.");
        }
        byte[] kitZip = KitZipLookup.kitZip(credentialsId, run, firstCall);
        // Like sh: a node block whose first step is a FLARE step has no workspace folder yet, and the CLI runs in it.
        workspace.mkdirs();
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new AbortException("No temporary folder is available for workspace " + workspace.getRemote() + ".");
        }
        temp.mkdirs();
        return new FlareRun(run, workspace, launcher, listener,
                new AgentCall.Context(kitZip, temp.getRemote(), settings, listener, firstCall));
    }

    /**
     * The same operations, with the native transport's login kept on the agent between them (see
     * {@link AgentCall.Context}) for at most {@code keepSeconds} idle; {@link #endSession()} ends it.
     */
    FlareRun keepingSession(String sessionKey, long keepSeconds) {
        return new FlareRun(run, workspace, launcher, listener, context.keepingSession(sessionKey, keepSeconds));
    }

    /** Logs out the login kept for this step, if any; best effort (an agent gone away took it with it). */
    void endSession() {
        if (context.sessionKey() == null || !context.settings().keepsSessions()) {
            return;
        }
        try {
            workspace.act(new AgentCalls.EndSession(context.sessionKey()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not end the kept FLARE session", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The workspace the operations run in, on its agent. */
    FilePath workspace() {
        return workspace;
    }

    /**
     * The build was aborted while following the job and {@code abortOnInterrupt} is false: says so in the console
     * and on the build page, without reaching FLARE.
     */
    static void leftRunning(Run<?, ?> run, TaskListener listener, String jobId, String study) throws IOException {
        listener.getLogger().println("[FLARE] Build interrupted; FLARE job " + jobId + " keeps running (abortOnInterrupt: false).");
        FlareJobAction.of(run, jobId, study).recordInterrupted(false);
        run.save();
    }

    private PrintStream log() {
        return listener.getLogger();
    }

    /**
     * Submits; {@code identity} (see {@link SubmitIdentity}) is recorded with the job once FLARE answered.
     *
     * @param tokenDerived whether the plugin made {@code submitToken} (not the user), so it may be left out
     */
    String submit(JobSource source, String study, String submitToken, boolean tokenDerived, String identity)
            throws IOException, InterruptedException {
        AgentCalls.Submitted submitted = act(new AgentCalls.Submit(context, source, study, submitToken, tokenDerived));
        String jobId = submitted.jobId();
        log().println("[FLARE] Submitted " + source.describe() + " as job " + jobId + " (study " + study + ", submit token "
                + (submitted.submitToken() == null ? "none" : submitted.submitToken()) + ")");
        FlareJobAction.of(run, jobId, study).recordSubmit(identity);
        run.save();
        return jobId;
    }

    /**
     * Follows the job in one long agent call, printing each monitor event (the freestyle builders: a freestyle
     * build does not survive a restart anyway). When the build is aborted meanwhile, the FLARE job is aborted too
     * unless {@code abortOnInterrupt} is false. The outcome is printed unless the caller ends the step with it.
     */
    JobReport waitFor(String jobId, String study, long timeoutSeconds, long intervalSeconds, List<String> extraMetrics,
                      boolean abortOnInterrupt, boolean propagate) throws IOException, InterruptedException {
        log().println("[FLARE] Following job " + jobId + (timeoutSeconds > 0 ? " (timeout " + timeoutSeconds + "s)" : ""));
        JobReport result;
        try {
            result = act(new AgentCalls.Monitor(context, jobId, study, timeoutSeconds, intervalSeconds, extraMetrics));
        } catch (InterruptedException e) {
            interrupted(jobId, study, abortOnInterrupt);
            throw e;
        }
        ended(result, study, propagate);
        return result;
    }

    /**
     * One status poll of a job (a short monitor call); see {@link AgentCalls.Poll}. With {@code withSites}, the sites it
     * reports go to the build page's site table.
     */
    PollAnswer poll(String jobId, String study, List<String> extraMetrics, boolean withSites) throws IOException, InterruptedException {
        PollAnswer answer = act(new AgentCalls.Poll(context, jobId, study, extraMetrics, withSites));
        if (!answer.sites().isEmpty()) {
            recordSites(jobId, study, answer.sites());
        }
        return answer;
    }

    /** Records how the job ended on the build page and prints it unless the caller ends the step with it. */
    void ended(JobReport result, String study, boolean propagate) throws IOException {
        FlareJobAction.of(run, result.jobId(), study).recordResult(result);
        run.save();
        if (result.isSuccess() || !propagate) {
            log().println("[FLARE] " + Outcomes.describe(result));
        }
    }

    /** The build was aborted while following the job: aborts it unless told not to, and says so on the build page. */
    void interrupted(String jobId, String study, boolean abortOnInterrupt) throws IOException {
        if (!abortOnInterrupt) {
            leftRunning(run, listener, jobId, study);
            return;
        }
        boolean aborted = abortAfterInterrupt(jobId, study);
        FlareJobAction.of(run, jobId, study).recordInterrupted(aborted);
        run.save();
    }

    /** Whether FLARE accepted the abort. */
    private boolean abortAfterInterrupt(String jobId, String study) {
        log().println("[FLARE] Build interrupted: aborting FLARE job " + jobId + " ...");
        try {
            abort(jobId, study);
            return true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            log().println("[FLARE] Could not abort FLARE job " + jobId + ": " + e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The job's metadata ({@code flareStatus}). */
    @SuppressWarnings("unchecked")
    LinkedHashMap<String, Object> status(String jobId, String study) throws IOException, InterruptedException {
        LinkedHashMap<String, Object> status = act(new AgentCalls.Meta(context, jobId, study));
        if (status.get("sites") instanceof Map<?, ?> sites) {
            recordSites(jobId, study, (Map<String, Object>) sites);
        }
        return status;
    }

    private void recordSites(String jobId, String study, Map<String, Object> sites) throws IOException {
        FlareJobAction.of(run, jobId, study).recordSites(sites);
        run.save();
    }

    /** A poll's status and metrics go to the build page; a new round becomes a point of its chart. */
    void progress(String jobId, String study, JobReport report) throws IOException {
        if (FlareJobAction.of(run, jobId, study).recordProgress(report.jobStatus(), report.jobName(), report.metrics())) {
            run.save();
        }
    }

    /** Jobs matching the filters ({@code flareList}). */
    ArrayList<LinkedHashMap<String, Object>> list(String namePrefix, String idPrefix, Integer max, String study)
            throws IOException, InterruptedException {
        return act(new AgentCalls.ListJobs(context, namePrefix, idPrefix, max, study));
    }

    /** A job's running statistics ({@code flareStats}). */
    LinkedHashMap<String, Object> stats(String jobId, String site, String study) throws IOException, InterruptedException {
        return act(new AgentCalls.Stats(context, jobId, site, study));
    }

    /** Aborts the job ({@code flareAbort}); returns FLARE's answer (its status), or null. */
    String abort(String jobId, String study) throws IOException, InterruptedException {
        String status = act(new AgentCalls.Abort(context, jobId, study));
        log().println("[FLARE] Abort requested for FLARE job " + jobId + (status == null ? "" : " (" + status + ")") + ".");
        return status;
    }

    /** Submits the job again ({@code flareClone}); the new job goes on the build page like a submitted one. */
    String cloneJob(String jobId, String study) throws IOException, InterruptedException {
        String newId = act(new AgentCalls.Clone(context, jobId, study));
        log().println("[FLARE] Cloned job " + jobId + " as job " + newId + " (study " + study + ")");
        FlareJobAction.of(run, newId, study).recordSubmit(null);
        run.save();
        return newId;
    }

    /** Deletes the job ({@code flareDelete}); {@code force}: abort it first if it has not finished. */
    LinkedHashMap<String, Object> delete(String jobId, String study, boolean force) throws IOException, InterruptedException {
        LinkedHashMap<String, Object> answer = act(new AgentCalls.Delete(context, jobId, study, force));
        log().println("[FLARE] Deleted job " + jobId + ".");
        FlareJobAction shown = FlareJobAction.find(run, jobId);
        if (shown != null) {
            shown.recordDeleted((String) answer.get("status"), Boolean.TRUE.equals(answer.get("aborted")));
            run.save();
        }
        return answer;
    }

    /** Changes a running job's logging ({@code flareLogLevel}) on {@code site} (null: all). */
    LinkedHashMap<String, Object> logLevel(String jobId, String level, String site, String study) throws IOException, InterruptedException {
        LinkedHashMap<String, Object> answer = act(new AgentCalls.LogLevel(context, jobId, level, site, study));
        log().println("[FLARE] Log level of job " + jobId + " set to " + answer.get("config") + " on " + answer.get("sites") + ".");
        return answer;
    }

    /** Fetches the logs; returns their last {@link AgentCalls.Logs#RETURNED_CHARS} characters. */
    String logs(String jobId, String site, Integer tail, String since, Integer maxBytes, String study, String file, boolean toConsole)
            throws IOException, InterruptedException {
        String text = act(new AgentCalls.Logs(context, jobId, site, tail, since, maxBytes, study, file, toConsole));
        if (file != null) {
            log().println("[FLARE] Logs of job " + jobId + " written to " + file);
        }
        return text;
    }

    DownloadOutcome download(String jobId, String outputDir, boolean force, String study) throws IOException, InterruptedException {
        DownloadOutcome outcome = act(new AgentCalls.Download(context, jobId, outputDir, force, study));
        FlareJobAction.of(run, jobId, study).recordRounds(outcome.rounds());
        run.save();
        log().println("[FLARE] Downloaded job " + jobId + " to " + outcome.jobFolder()
                + "; found " + outcome.artifacts().size() + " artifact(s)"
                + (outcome.missing().isEmpty() ? "" : ", missing: " + String.join(", ", outcome.missing())));
        return outcome;
    }

    /** Archives the discovered artifacts under their workspace paths and fingerprints the global model. */
    List<String> archive(DownloadOutcome outcome, String study) throws IOException, InterruptedException {
        if (launcher == null) {
            throw new IllegalStateException("archiving needs a launcher");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : outcome.artifacts()) {
            String inWorkspace = outcome.inWorkspace(path);
            files.put(inWorkspace, inWorkspace);
        }
        List<String> archived = new ArrayList<>(files.keySet());
        if (!files.isEmpty()) {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), files);
            log().println("[FLARE] Archived " + String.join(", ", archived));
        }
        String model = outcome.inWorkspace(outcome.globalModel());
        if (model != null && outcome.globalModelMd5() != null) {
            fingerprint(model, outcome.globalModelMd5());
        }
        FlareJobAction action = FlareJobAction.of(run, outcome.jobId(), study);
        action.recordArtifacts(archived);
        Map<String, String> siteLogs = new LinkedHashMap<>();
        outcome.siteLogs().forEach((site, log) -> siteLogs.put(site, outcome.inWorkspace(log)));
        action.recordSiteLogs(siteLogs);
        run.save();
        return archived;
    }

    /** Records the file's fingerprint and this build's use of it, as the "Record fingerprints" step does. */
    private void fingerprint(String file, String md5) throws IOException {
        Fingerprint fingerprint = Jenkins.get().getFingerprintMap().getOrCreate(run, file, md5);
        fingerprint.addFor(run);
        synchronized (run) { // parallel branches share the build's one FingerprintAction
            Fingerprinter.FingerprintAction fingerprints = run.getAction(Fingerprinter.FingerprintAction.class);
            if (fingerprints == null) {
                run.addAction(new Fingerprinter.FingerprintAction(run, Map.of(file, md5)));
            } else {
                fingerprints.add(Map.of(file, md5));
            }
        }
    }

    private <T> T act(AgentCall<T> call) throws IOException, InterruptedException {
        try {
            return workspace.act(call);
        } catch (FlareCallException e) {
            // A FLARE error as a build failure with FLARE's code and hint.
            throw new FlareFailureException("[FLARE] " + e.description(), e.errorCode());
        }
    }
}
