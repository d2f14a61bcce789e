package io.jenkins.plugins.nvflare.run;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.AbortCall;
import io.jenkins.plugins.nvflare.agent.AgentCall;
import io.jenkins.plugins.nvflare.agent.AgentContext;
import io.jenkins.plugins.nvflare.agent.CloneCall;
import io.jenkins.plugins.nvflare.agent.DeleteCall;
import io.jenkins.plugins.nvflare.agent.DownloadCall;
import io.jenkins.plugins.nvflare.agent.DownloadOutcome;
import io.jenkins.plugins.nvflare.agent.EndSessionCall;
import io.jenkins.plugins.nvflare.agent.FlareCallException;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.agent.JobSource;
import io.jenkins.plugins.nvflare.agent.ListJobsCall;
import io.jenkins.plugins.nvflare.agent.LogLevelCall;
import io.jenkins.plugins.nvflare.agent.LogsCall;
import io.jenkins.plugins.nvflare.agent.MetaCall;
import io.jenkins.plugins.nvflare.agent.MonitorCall;
import io.jenkins.plugins.nvflare.agent.PollAnswer;
import io.jenkins.plugins.nvflare.agent.PollCall;
import io.jenkins.plugins.nvflare.agent.StatsCall;
import io.jenkins.plugins.nvflare.agent.SubmitCall;
import io.jenkins.plugins.nvflare.agent.Submitted;
import io.jenkins.plugins.nvflare.credentials.KitZipLookup;
import io.jenkins.plugins.nvflare.ui.FlareBuildAction;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The FLARE operations of one step or build step, on the controller side: reads the kit credential, runs each
 * operation as one agent call on the node that holds the workspace, says in the console what it did, and records
 * the job on the build page ({@link BuildRecorder}). Shared by the Pipeline steps and the freestyle builders.
 */
public final class FlareOperations {

    private static final Logger LOGGER = Logger.getLogger(FlareOperations.class.getName());

    private final FilePath workspace;
    private final TaskListener listener;
    /** Loses its kit warnings after the first call: a step with several calls warns once. */
    private AgentContext context;

    private final BuildRecorder recorder;
    private final ArtifactArchiver archiver;

    private FlareOperations(
            Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, AgentContext context) {
        this.workspace = workspace;
        this.listener = listener;
        this.context = context;
        this.recorder = new BuildRecorder(run);
        this.archiver = new ArtifactArchiver(run, workspace, launcher, listener);
    }

    /** The operations of a step that makes its calls in one go. */
    public static FlareOperations open(
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            String credentialsId,
            FlareSettings settings)
            throws IOException, InterruptedException {
        return open(run, workspace, launcher, listener, KitZipLookup.find(credentialsId, run), settings, true);
    }

    /**
     * Like {@link #open(Run, FilePath, Launcher, TaskListener, String, FlareSettings)}, with the kit credential the step
     * looked up ({@link KitZipLookup#find}); {@code firstCall} false is for the later polls of a step: the kit's
     * warnings are not repeated. {@code launcher} may be null when nothing is archived.
     */
    public static FlareOperations open(
            Run<?, ?> run,
            FilePath workspace,
            Launcher launcher,
            TaskListener listener,
            StandardCredentials credentials,
            FlareSettings settings,
            boolean firstCall)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.FlareOperations_noWorkspace());
        }
        byte[] kitZip = KitZipLookup.kitZip(credentials);
        // Like sh: a node block whose first step is a FLARE step has no workspace folder yet, and the CLI runs in it.
        workspace.mkdirs();
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new AbortException(Messages.FlareOperations_noTempDir(workspace.getRemote()));
        }
        temp.mkdirs();
        return new FlareOperations(
                run,
                workspace,
                launcher,
                listener,
                new AgentContext(
                        kitZip,
                        temp.getRemote(),
                        settings,
                        listener,
                        firstCall,
                        firstCall
                                && FlareBuildAction.of(run)
                                        .firstTalk(credentials.getId() + " " + settings.transport())));
    }

    private FlareOperations(FlareOperations base, AgentContext context) {
        this.workspace = base.workspace;
        this.listener = base.listener;
        this.context = context;
        this.recorder = base.recorder;
        this.archiver = base.archiver;
    }

    /**
     * The same operations, with the native transport's login kept on the agent between them (see
     * {@link AgentContext}) for at most {@code keepSeconds} idle; {@link #endSession()} ends it.
     */
    public FlareOperations keepingSession(String sessionKey, long keepSeconds) {
        return new FlareOperations(this, context.keepingSession(sessionKey, keepSeconds));
    }

    /** Logs out the login kept for this step, if any; best effort (an agent gone away took it with it). */
    public void endSession() {
        if (!context.keepsSession()) {
            return;
        }
        try {
            workspace.act(new EndSessionCall(context.sessionKey(), ControllerSessions.clients()));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not end the kept FLARE session", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The workspace the operations run in, on its agent. */
    public FilePath workspace() {
        return workspace;
    }

    /** What the operations record on the build page. */
    public BuildRecorder recorder() {
        return recorder;
    }

    private PrintStream log() {
        return listener.getLogger();
    }

    /** Prints a line of the step's own in the build console. */
    public void say(String line) {
        log().println(line);
    }

    /**
     * The build was aborted while following the job and {@code abortOnInterrupt} is false: says so in the console
     * and on the build page, without reaching FLARE.
     */
    public static void leftRunning(Run<?, ?> run, TaskListener listener, String jobId, String study)
            throws IOException {
        leftRunning(listener, new BuildRecorder(run), jobId, study);
    }

    private static void leftRunning(TaskListener listener, BuildRecorder recorder, String jobId, String study)
            throws IOException {
        listener.getLogger().println(Messages.FlareOperations_leftRunning(jobId));
        recorder.interrupted(jobId, study, false);
    }

    /**
     * Submits; {@code identity} (where in the Pipeline the submit sits) is recorded with the job once FLARE answered.
     *
     * @param tokenDerived whether the plugin made {@code submitToken} (not the user), so it may be left out
     */
    public String submit(JobSource source, String study, String submitToken, boolean tokenDerived, String identity)
            throws IOException, InterruptedException {
        Submitted submitted = act(new SubmitCall(context, source, study, submitToken, tokenDerived));
        String jobId = JobIds.fromFlare(submitted.jobId());
        log().println(Messages.FlareOperations_submitted(
                source.describe(),
                jobId,
                study,
                submitted.submitToken() == null ? Messages.FlareOperations_noToken() : submitted.submitToken()));
        recorder.submitted(jobId, study, identity, submitted.jobName());
        return jobId;
    }

    /**
     * Follows the job in one long agent call, printing each monitor event (the freestyle builders: a freestyle
     * build does not survive a restart anyway). When the build is aborted meanwhile, the FLARE job is aborted too
     * unless {@code abortOnInterrupt} is false. The outcome is printed unless the caller ends the step with it.
     */
    public JobReport waitFor(
            String jobId,
            String study,
            long timeoutSeconds,
            long intervalSeconds,
            List<String> extraMetrics,
            boolean abortOnInterrupt,
            boolean propagate)
            throws IOException, InterruptedException {
        log().println(following(jobId, timeoutSeconds));
        JobReport result;
        try {
            result = act(new MonitorCall(context, jobId, study, timeoutSeconds, intervalSeconds, extraMetrics));
        } catch (InterruptedException e) {
            interrupted(jobId, study, abortOnInterrupt);
            throw e;
        }
        ended(result, study, propagate);
        return result;
    }

    /** The console line that starts following a job. */
    public static String following(String jobId, long timeoutSeconds) {
        return timeoutSeconds > 0
                ? Messages.FlareOperations_followingWithTimeout(jobId, Util.getTimeSpanString(timeoutSeconds * 1000))
                : Messages.FlareOperations_following(jobId);
    }

    /** One status poll of a job (a short monitor call); with {@code withSites}, the sites go to the build page. */
    public PollAnswer poll(String jobId, String study, List<String> extraMetrics, boolean withSites)
            throws IOException, InterruptedException {
        PollAnswer answer = act(new PollCall(context, jobId, study, extraMetrics, withSites));
        if (!answer.sites().isEmpty()) {
            recorder.sites(jobId, study, answer.sites());
        }
        return answer;
    }

    /** Records how the job ended on the build page and prints it unless the caller ends the step with it. */
    public void ended(JobReport result, String study, boolean propagate) throws IOException {
        recorder.ended(result, study);
        if (result.isSuccess() || !propagate) {
            log().println(Outcomes.line(result));
        }
    }

    /** The build was aborted while following the job: aborts it unless told not to, and says so on the build page. */
    public void interrupted(String jobId, String study, boolean abortOnInterrupt) throws IOException {
        if (!abortOnInterrupt) {
            leftRunning(listener, recorder, jobId, study);
            return;
        }
        recorder.interrupted(jobId, study, abortAfterInterrupt(jobId, study));
    }

    /** Whether FLARE accepted the abort. */
    private boolean abortAfterInterrupt(String jobId, String study) {
        log().println(Messages.FlareOperations_aborting(jobId));
        try {
            abort(jobId, study);
            return true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            log().println(Messages.FlareOperations_abortFailed(jobId, e.getMessage()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The job's metadata ({@code flareStatus}); its sites go to the build page. */
    @SuppressWarnings("unchecked")
    public LinkedHashMap<String, Object> status(String jobId, String study) throws IOException, InterruptedException {
        LinkedHashMap<String, Object> status = act(new MetaCall(context, jobId, study));
        recorder.status(jobId, study, (String) status.get("status"), (String) status.get("name"));
        if (status.get("sites") instanceof Map<?, ?> sites) {
            recorder.sites(jobId, study, (Map<String, Object>) sites);
        }
        return status;
    }

    /** Jobs matching the filters ({@code flareList}). */
    public ArrayList<LinkedHashMap<String, Object>> list(String namePrefix, String idPrefix, Integer max, String study)
            throws IOException, InterruptedException {
        return act(new ListJobsCall(context, namePrefix, idPrefix, max, study));
    }

    /** A job's running statistics ({@code flareStats}). */
    public LinkedHashMap<String, Object> stats(String jobId, String site, String study)
            throws IOException, InterruptedException {
        return act(new StatsCall(context, jobId, site, study));
    }

    /** Aborts the job ({@code flareAbort}); returns FLARE's answer (its status), or null. */
    public String abort(String jobId, String study) throws IOException, InterruptedException {
        String status = act(new AbortCall(context, jobId, study));
        log().println(
                        status == null
                                ? Messages.FlareOperations_abortRequested(jobId)
                                : Messages.FlareOperations_abortRequestedWithStatus(jobId, status));
        return status;
    }

    /** Submits the job again ({@code flareClone}); the new job goes on the build page like a submitted one. */
    public String cloneJob(String jobId, String study) throws IOException, InterruptedException {
        String newId = JobIds.fromFlare(act(new CloneCall(context, jobId, study)));
        log().println(Messages.FlareOperations_cloned(jobId, newId, study));
        recorder.submitted(newId, study, null, null);
        return newId;
    }

    /** Deletes the job ({@code flareDelete}); {@code force}: abort it first if it has not finished. */
    public LinkedHashMap<String, Object> delete(String jobId, String study, boolean force)
            throws IOException, InterruptedException {
        LinkedHashMap<String, Object> answer = act(new DeleteCall(context, jobId, study, force));
        log().println(Messages.FlareOperations_deleted(jobId));
        recorder.deleted(jobId, (String) answer.get("status"), Boolean.TRUE.equals(answer.get("aborted")));
        return answer;
    }

    /** Changes a running job's logging ({@code flareLogLevel}) on {@code site} (null: all). */
    public LinkedHashMap<String, Object> logLevel(String jobId, String level, String site, String study)
            throws IOException, InterruptedException {
        LinkedHashMap<String, Object> answer = act(new LogLevelCall(context, jobId, level, site, study));
        log().println(Messages.FlareOperations_logLevel(jobId, answer.get("config"), sites(answer.get("sites"))));
        return answer;
    }

    /** The sites FLARE changed, as a person reads them: "all sites", or their names. */
    private static String sites(Object sites) {
        List<String> names = new ArrayList<>();
        if (sites instanceof Iterable<?> many) {
            many.forEach(site -> names.add(String.valueOf(site)));
        } else if (sites != null) {
            names.add(String.valueOf(sites));
        }
        if (names.isEmpty() || names.equals(List.of("all"))) {
            return Messages.FlareOperations_allSites();
        }
        return String.join(", ", names);
    }

    /** Fetches the logs; returns their last {@link LogsCall#RETURNED_CHARS} characters. */
    public String logs(
            String jobId,
            String site,
            Integer tail,
            String since,
            Integer maxBytes,
            String study,
            String file,
            boolean toConsole)
            throws IOException, InterruptedException {
        String text = act(new LogsCall(context, jobId, site, tail, since, maxBytes, study, file, toConsole));
        if (file != null) {
            log().println(Messages.FlareOperations_logsWritten(jobId, file));
        }
        return text;
    }

    /** Downloads the job's result into the workspace; its rounds go to the build page's chart. */
    public DownloadOutcome download(String jobId, String outputDir, boolean force, String study)
            throws IOException, InterruptedException {
        DownloadOutcome outcome = act(new DownloadCall(context, jobId, outputDir, force, study));
        recorder.rounds(jobId, study, outcome.rounds());
        String found = Messages.FlareOperations_downloaded(
                jobId, outcome.jobFolder(), String.valueOf(outcome.artifacts().size()));
        log().println(
                        outcome.missing().isEmpty()
                                ? found
                                : Messages.FlareOperations_downloadedMissing(found, missing(outcome.missing())));
        return outcome;
    }

    /** What the result lacks, in words: FLARE sent no site logs, wrote no model or metrics summary. */
    private static String missing(List<String> kinds) {
        List<String> words = new ArrayList<>();
        for (String kind : kinds) {
            words.add(
                    switch (kind) {
                        case "client_logs" -> Messages.FlareOperations_missingSiteLogs();
                        case "global_model" -> Messages.FlareOperations_missingModel();
                        case "metrics_summary" -> Messages.FlareOperations_missingMetrics();
                        default -> kind;
                    });
        }
        return String.join("; ", words);
    }

    /** Archives the discovered artifacts under their workspace paths, fingerprints the model, and shows them. */
    public List<String> archive(DownloadOutcome outcome, String study) throws IOException, InterruptedException {
        List<String> archived = archiver.archive(outcome);
        Map<String, String> siteLogs = new LinkedHashMap<>();
        outcome.siteLogs().forEach((site, path) -> siteLogs.put(site, outcome.inWorkspace(path)));
        recorder.archived(outcome.jobId(), study, archived, siteLogs);
        return archived;
    }

    private <T> T act(AgentCall<T> call) throws IOException, InterruptedException {
        try {
            return workspace.act(call.keepingLocallyIn(ControllerSessions.clients()));
        } catch (FlareCallException e) {
            // A FLARE error as a build failure with FLARE's code and its hint in Jenkins terms.
            throw new FlareFailureException(
                    FlareHints.describe(e.getMessage(), e.errorCode(), e.exitCode(), e.hint(), call.study()),
                    e.errorCode());
        } finally {
            context = context.withoutKitWarnings();
        }
    }
}
