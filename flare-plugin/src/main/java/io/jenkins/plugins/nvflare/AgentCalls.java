package io.jenkins.plugins.nvflare;

import hudson.Util;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.KeptClients;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.LogText;
import io.jenkins.plugins.nvflare.client.ProgressLines;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.artifact.ArtifactDiscovery;
import io.jenkins.plugins.nvflare.client.artifact.DiscoveredArtifacts;
import io.jenkins.plugins.nvflare.client.artifact.RoundMetrics;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.JobScriptExport;
import io.jenkins.plugins.nvflare.client.job.JobDeletion;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/** The FLARE operations as agent calls. */
final class AgentCalls {

    private AgentCalls() {}

    /** A workspace-relative path that must stay inside the workspace. */
    static Path inside(Path workspace, String relative, String what) throws FlareException {
        Path root = workspace.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw FlareException.local(ErrorCodes.UNSAFE_PATH, what + " '" + relative + "' is outside the workspace.",
                    "Use a path relative to the workspace.");
        }
        return resolved;
    }

    /** A call about one job: its id and study. */
    abstract static class JobCall<T> extends AgentCall<T> {
        @Serial
        private static final long serialVersionUID = 1L;
        final String jobId;
        final String study;

        JobCall(Context context, String jobId, String study) {
            super(context);
            this.jobId = jobId;
            this.study = study;
        }
    }

    /** What a submit gave: the job id, and the submit token it was sent with (null: none). */
    record Submitted(String jobId, String submitToken) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Submits a job folder, or the folder a job script exports into a private folder beside the workspace. A token the
     * plugin derived (not one the user gave) is left out for a job with a file FLARE cannot hash for it
     * ({@link SubmitTokens#tooLargeToHash}): FLARE would refuse the job, and the user did not ask for the token.
     */
    static final class Submit extends AgentCall<Submitted> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final JobSource source;
        private final String study;
        private final String submitToken;
        private final boolean tokenDerived;

        Submit(Context context, JobSource source, String study, String submitToken, boolean tokenDerived) {
            super(context);
            this.source = source;
            this.study = study;
            this.submitToken = submitToken;
            this.tokenDerived = tokenDerived;
        }

        @Override
        Submitted call(FlareClient client, Path workspace, PrintStream log) throws FlareException, IOException, InterruptedException {
            if (source.jobScript() == null) {
                Path folder = JobFolders.resolve(workspace.resolve(source.jobFolder()).normalize());
                return submit(client, folder, log);
            }
            if (submitToken != null) {
                SubmitTokens.validate(submitToken); // before the export runs, as before an upload
            }
            Path exportDir = Files.createTempDirectory(Path.of(context().kitTempDir()), "export");
            try {
                Path script = workspace.resolve(source.jobScript()).normalize();
                CliConfig python = context().settings().pythonConfig(workspace, source.python());
                Path folder = JobScriptExport.export(script, source.scriptArgs(), python, exportDir);
                log.println("[FLARE] Exported " + source.describe() + " (job " + folder.getFileName() + ")");
                return submit(client, folder, log);
            } finally {
                Util.deleteRecursive(exportDir.toFile());
            }
        }

        private Submitted submit(FlareClient client, Path folder, PrintStream log)
                throws FlareException, IOException, InterruptedException {
            String token = submitToken;
            Optional<SubmitTokens.LargeFile> large = token != null && tokenDerived
                    ? SubmitTokens.tooLargeToHash(folder) : Optional.empty();
            if (large.isPresent()) {
                log.println("[FLARE] Submitting without a submit token: " + large.get().describe() + ", and FLARE hashes "
                        + "job files of at most 10 MiB for one. A submit repeated after its answer was lost (a retry, a "
                        + "controller restart during the upload) may create a second job.");
                token = null;
            }
            return new Submitted(client.submit(new SubmitRequest(folder, study, token)), token);
        }
    }

    /** Follows the job to its end, printing each monitor event on the agent as FLARE reports it. */
    static final class Monitor extends JobCall<JobReport> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final long timeoutSeconds;
        private final long intervalSeconds;
        private final List<String> extraMetrics;

        Monitor(Context context, String jobId, String study, long timeoutSeconds, long intervalSeconds, List<String> extraMetrics) {
            super(context, jobId, study);
            this.timeoutSeconds = timeoutSeconds;
            this.intervalSeconds = intervalSeconds;
            this.extraMetrics = List.copyOf(extraMetrics);
        }

        @Override
        JobReport call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            WaitOptions options = new WaitOptions(study, timeoutSeconds, intervalSeconds, extraMetrics);
            return JobReport.of(client.monitor(jobId, options, event -> {
                log.println(ProgressLines.render(event));
                log.flush();
            }));
        }
    }

    /**
     * One status poll of a job for a step that follows it across restarts: a monitor run of FLARE's shortest
     * timeout (one {@code get_job_meta}, and the job's stats while it runs, then a terminal or timeout event), so
     * the call ends within seconds on either transport and no thread, remoting request or kit is held between polls.
     */
    static final class Poll extends JobCall<PollAnswer> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final List<String> extraMetrics;
        private final boolean withSites;

        /** {@code withSites}: also ask for the job's sites (one {@code job meta}) once the job has left the queue. */
        Poll(Context context, String jobId, String study, List<String> extraMetrics, boolean withSites) {
            super(context, jobId, study);
            this.extraMetrics = new ArrayList<>(extraMetrics);
            this.withSites = withSites;
        }

        @Override
        PollAnswer call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            List<PollAnswer.Line> lines = new ArrayList<>();
            JobResult result = client.monitor(jobId, new WaitOptions(study, 1, 1, extraMetrics), event -> lines.add(PollAnswer.line(event)));
            JobReport report = JobReport.of(result);
            return new PollAnswer(lines, report, withSites && deployed(report) ? sites(client) : Map.of());
        }

        /** Sites are known once FLARE deployed the job: it runs or has ended (it may never have run). */
        private static boolean deployed(JobReport report) {
            String status = report.jobStatus();
            return status != null && (status.startsWith("RUNNING") || status.startsWith("FINISHED"));
        }

        /** The site table is extra: a meta call that fails costs the table, not the poll. */
        private LinkedHashMap<String, Object> sites(FlareClient client) throws InterruptedException {
            try {
                return JobMaps.sites(client.meta(jobId, study));
            } catch (FlareException e) {
                return new LinkedHashMap<>();
            }
        }
    }

    /** {@code nvflare job meta}, as {@link JobMaps#status}. */
    static final class Meta extends JobCall<LinkedHashMap<String, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;

        Meta(Context context, String jobId, String study) {
            super(context, jobId, study);
        }

        @Override
        LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            return JobMaps.status(client.meta(jobId, study));
        }
    }

    /** {@code nvflare job list}, each job as {@link JobMaps#summary}. */
    static final class ListJobs extends AgentCall<ArrayList<LinkedHashMap<String, Object>>> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String namePrefix;
        private final String idPrefix;
        private final Integer max;
        private final String study;

        ListJobs(Context context, String namePrefix, String idPrefix, Integer max, String study) {
            super(context);
            this.namePrefix = namePrefix;
            this.idPrefix = idPrefix;
            this.max = max;
            this.study = study;
        }

        @Override
        ArrayList<LinkedHashMap<String, Object>> call(FlareClient client, Path workspace, PrintStream log)
                throws FlareException, InterruptedException {
            ArrayList<LinkedHashMap<String, Object>> jobs = new ArrayList<>();
            for (JobSummary job : client.list(new ListFilter(namePrefix, idPrefix, max, null, study))) {
                jobs.add(JobMaps.summary(job));
            }
            return jobs;
        }
    }

    /** {@code nvflare job stats}: the statistics per target (server, sites), as plain maps. */
    static final class Stats extends JobCall<LinkedHashMap<String, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String site;

        Stats(Context context, String jobId, String site, String study) {
            super(context, jobId, study);
            this.site = site;
        }

        @Override
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            return (LinkedHashMap<String, Object>) JobMaps.plain(client.stats(jobId, site, study).stats());
        }
    }

    /** Returns FLARE's answer to the abort (its status), or null. */
    static final class Abort extends JobCall<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        Abort(Context context, String jobId, String study) {
            super(context, jobId, study);
        }

        @Override
        String call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            return client.abort(jobId, study).status();
        }
    }

    /**
     * Writes the rendered logs to the console and a workspace file as asked, here on the agent, and returns
     * their last {@link #RETURNED_CHARS} characters: the whole text need not cross the channel or live in
     * the Pipeline's state.
     */
    static final class Logs extends JobCall<String> {
        /** At most this much of the logs is returned (256 Ki characters). */
        static final int RETURNED_CHARS = 256 * 1024;
        @Serial
        private static final long serialVersionUID = 1L;
        private final String site;
        private final Integer tail;
        private final String since;
        private final Integer maxBytes;
        private final String file;
        private final boolean toConsole;

        Logs(Context context, String jobId, String site, Integer tail, String since, Integer maxBytes, String study, String file,
             boolean toConsole) {
            super(context, jobId, study);
            this.site = site;
            this.tail = tail;
            this.since = since;
            this.maxBytes = maxBytes;
            this.file = file;
            this.toConsole = toConsole;
        }

        @Override
        String call(FlareClient client, Path workspace, PrintStream log) throws FlareException, IOException, InterruptedException {
            JobLogs logs = client.logs(jobId, new LogRequest(site, tail, since, maxBytes == null ? null : maxBytes.longValue(), study));
            String text = LogText.render(logs);
            if (file != null) {
                Path target = inside(workspace, file, "Log file");
                Path parent = target.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(target, text);
            }
            if (toConsole) {
                log.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
                log.flush();
            }
            return LogText.lastChars(text, RETURNED_CHARS);
        }
    }

    /** {@code nvflare job clone}: returns the new job's id. */
    static final class Clone extends JobCall<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        Clone(Context context, String jobId, String study) {
            super(context, jobId, study);
        }

        @Override
        String call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            return client.cloneJob(jobId, study).newJobId();
        }
    }

    /** Deletes a job the way {@link JobDeletion} does: a job that has not finished only when forced, aborted first. */
    static final class Delete extends JobCall<LinkedHashMap<String, Object>> {
        /** How long a forced delete waits for the aborted job to finish. */
        static final Duration ABORT_WAIT = Duration.ofMinutes(2);
        @Serial
        private static final long serialVersionUID = 1L;
        private final boolean force;

        Delete(Context context, String jobId, String study, boolean force) {
            super(context, jobId, study);
            this.force = force;
        }

        @Override
        LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            JobDeletion.Deletion deletion = JobDeletion.delete(client, jobId, study, force, ABORT_WAIT, JobDeletion.REAL_TIME,
                    line -> {
                        log.println("[FLARE] " + line);
                        log.flush(); // before the step's own "Deleted" line on the controller
                    });
            LinkedHashMap<String, Object> answer = new LinkedHashMap<>();
            answer.put("jobId", deletion.deleted().jobId());
            answer.put("submitRecordsMarkedDeleted", deletion.deleted().submitRecordsMarkedDeleted());
            answer.put("status", deletion.status());
            answer.put("aborted", deletion.aborted());
            return answer;
        }
    }

    /** {@code nvflare job log-config}: FLARE's answer as a plain map. */
    static final class LogLevel extends JobCall<LinkedHashMap<String, Object>> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String level;
        private final String site;

        LogLevel(Context context, String jobId, String level, String site, String study) {
            super(context, jobId, study);
            this.level = level;
            this.site = site;
        }

        @Override
        LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log) throws FlareException, InterruptedException {
            LogConfigResult result = client.logConfig(jobId, new LogConfigRequest(level, site, study));
            LinkedHashMap<String, Object> answer = new LinkedHashMap<>();
            answer.put("jobId", result.jobId());
            answer.put("config", result.config());
            answer.put("sites", new ArrayList<>(result.sites()));
            answer.put("status", result.status());
            return answer;
        }
    }

    /** Ends the login kept on the agent for a step ({@link AgentSessions}); needs no kit. */
    static final class EndSession extends MasterToSlaveFileCallable<Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String sessionKey;

        EndSession(String sessionKey) {
            this.sessionKey = sessionKey;
        }

        @Override
        public Boolean invoke(File workspace, VirtualChannel channel) {
            KeptClients kept = AgentSessions.current();
            return kept != null && kept.release(sessionKey);
        }
    }

    static final class Download extends JobCall<DownloadOutcome> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String outputDir;
        private final boolean force;

        Download(Context context, String jobId, String outputDir, boolean force, String study) {
            super(context, jobId, study);
            this.outputDir = outputDir;
            this.force = force;
        }

        @Override
        DownloadOutcome call(FlareClient client, Path workspace, PrintStream log)
                throws FlareException, IOException, InterruptedException {
            Path ws = workspace.toAbsolutePath().normalize();
            Path output = inside(ws, outputDir, "Output folder");
            Files.createDirectories(output);
            DownloadResult result = client.download(jobId, new DownloadRequest(output, force, study));
            Path jobRoot = jobRoot(result, output);
            DiscoveredArtifacts artifacts = ArtifactDiscovery.discover(jobRoot);
            String md5 = artifacts.globalModel() == null ? null : md5(jobRoot.resolve(artifacts.globalModel()));
            String rootRelative = ws.relativize(jobRoot).toString().replace('\\', '/');
            return DownloadOutcome.of(jobId, rootRelative, artifacts, md5, rounds(jobRoot, artifacts, log));
        }

        /** Where FLARE put the job: its reported path when that is inside the output folder, else {@code <output>/<job id>}. */
        private Path jobRoot(DownloadResult result, Path output) {
            if (result.downloadPath() != null) {
                Path reported = Path.of(result.downloadPath()).toAbsolutePath().normalize();
                if (reported.startsWith(output) && Files.isDirectory(reported, LinkOption.NOFOLLOW_LINKS)) {
                    return reported;
                }
            }
            return output.resolve(jobId);
        }

        /** The chart's data; a file that cannot be read costs the chart, not the download. */
        private static Map<Integer, Map<String, Double>> rounds(Path jobRoot, DiscoveredArtifacts artifacts, PrintStream log) {
            if (artifacts.roundMetrics() == null) {
                return Map.of();
            }
            try {
                return RoundMetrics.read(jobRoot.resolve(artifacts.roundMetrics()));
            } catch (IOException e) {
                log.println("[FLARE] Could not read " + artifacts.roundMetrics() + " for the chart: " + e.getMessage());
                return Map.of();
            }
        }

        private static String md5(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
