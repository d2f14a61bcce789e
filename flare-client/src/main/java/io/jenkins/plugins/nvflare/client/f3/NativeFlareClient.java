package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.CloneResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareFeature;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.MonitorListener;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.job.JobLifecycle;
import io.jenkins.plugins.nvflare.client.f3.job.JobLogConfig;
import io.jenkins.plugins.nvflare.client.f3.job.JobOperations;
import io.jenkins.plugins.nvflare.client.f3.job.JobWaiter;
import io.jenkins.plugins.nvflare.client.f3.job.LogBounds;
import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import io.jenkins.plugins.nvflare.client.f3.session.AdminSession;
import io.jenkins.plugins.nvflare.client.f3.session.KitAdminSessions;
import io.jenkins.plugins.nvflare.client.f3.session.SessionKeeper;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.f3.transfer.DownloadReport;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobDownload;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobUpload;
import io.jenkins.plugins.nvflare.client.f3.transfer.SignedJobZip;
import io.jenkins.plugins.nvflare.client.f3.transfer.UploadKeys;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.job.JobIds;
import io.jenkins.plugins.nvflare.client.job.LogLevels;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link FlareClient} speaking FLARE's admin protocol from the JVM (docs/native-transport.md): the first call
 * connects and logs in (for the call's study), and later calls reuse that login, as FLARE's own admin API does;
 * a login the server has dropped or ended meanwhile is replaced transparently ({@link SessionKeeper}).
 * {@link #close()} logs out; nothing is kept after it. Each operation does what {@code nvflare job} would do,
 * with the CLI transport's results and error codes (the shared contract tests hold both to the real captures).
 * Kits with the {@code http} (websocket) and {@code tcp} schemes can connect; {@code grpc} is refused. Each login
 * learns the server's version: the wire follows it (upload keys) and what it cannot do (job logs, submit tokens
 * and studies before 2.8.0) is refused before it is sent (docs/compatibility.md). Run against live NVFlare 2.7.2,
 * 2.8.1 and 2.9-dev servers (docs/native-transport.md §13.1).
 */
public final class NativeFlareClient implements FlareClient {
    /** The read timeout of each request; FLARE's admin client defaults to 5 s unless cmd_timeout is set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final AdminSession.Factory sessions;
    /** Told once, at the first logged-in session: see {@link FlareClient#whenConnected}. */
    private volatile Consumer<FlareVersion> connected;

    private final PollClock clock;
    private final Path tempDir;
    private final SignedJobZip.FileOpener jobFiles;

    /** @param startupKitDir the admin startup kit (the folder holding {@code startup/fed_admin.json}) */
    public NativeFlareClient(Path startupKitDir) {
        this(startupKitDir, DEFAULT_TIMEOUT);
    }

    public NativeFlareClient(Path startupKitDir, Duration timeout) {
        this(startupKitDir, timeout, null);
    }

    /**
     * @param tempDir where submit stages the signed job zip (an owner-only file, deleted after the upload);
     *     null for the JVM's temporary folder
     */
    public NativeFlareClient(Path startupKitDir, Duration timeout, Path tempDir) {
        this(
                new SessionKeeper(
                        new KitAdminSessions(Objects.requireNonNull(startupKitDir, "startupKitDir"), timeout)),
                PollClock.SYSTEM,
                tempDir,
                SignedJobZip.FILES);
    }

    NativeFlareClient(AdminSession.Factory sessions, PollClock clock) {
        this(sessions, clock, null, SignedJobZip.FILES);
    }

    NativeFlareClient(AdminSession.Factory sessions, PollClock clock, Path tempDir, SignedJobZip.FileOpener jobFiles) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tempDir = tempDir;
        this.jobFiles = Objects.requireNonNull(jobFiles, "jobFiles");
    }

    /**
     * Checks the submit token (SubmitTokens) and the folder (JobFolders, unless the request carries it checked) as the
     * CLI transport does, with the CLI's codes, signs and zips the folder as that one walk saw it into a temporary file — before connecting, so nothing is uploaded for a
     * bad token, a bad folder or a job file that cannot be read — then uploads the file chunk by chunk on a
     * session checked with the server first (an upload is never repeated); the file is deleted in any case.
     */
    @Override
    public String submit(SubmitRequest request) throws FlareException, InterruptedException {
        if (request.submitToken() != null) {
            SubmitTokens.validate(request.submitToken());
        }
        JobFolder job = request.checked() != null
                ? request.checked()
                : JobFolders.inspect(request.jobFolder().toAbsolutePath().normalize());
        if (request.submitToken() != null) {
            SubmitTokens.requireHashable(job);
        }
        Path folder = job.root();
        try (SignedJobZip.Staged zip = SignedJobZip.stage(job, sessions.kit(), tempDir, jobFiles)) {
            // No Interrupts.check() after a successful upload: the job exists, so its id is the answer.
            return streaming(request.study(), s -> {
                if (request.submitToken() != null) {
                    require(s, FlareFeature.SUBMIT_TOKEN);
                }
                return JobUpload.submit(
                        s.streaming().login(),
                        zip,
                        folder,
                        request.submitToken(),
                        UploadKeys.forServer(s.serverVersion()));
            });
        }
    }

    @Override
    public JobMeta meta(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(study, false, s -> new JobOperations(s, clock).meta(jobId, study));
    }

    @Override
    public JobResult waitForJob(String jobId, WaitOptions options) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(options.study(), true, s -> new JobWaiter(s, clock).waitForJob(jobId, options));
    }

    @Override
    public JobResult monitor(String jobId, WaitOptions options, MonitorListener listener)
            throws FlareException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        checkJobId(jobId);
        return commands(options.study(), true, s -> new JobWaiter(s, clock).monitor(jobId, options, listener));
    }

    @Override
    public List<JobSummary> list(ListFilter filter) throws FlareException, InterruptedException {
        return commands(filter.study(), false, s -> {
            if (filter.submitToken() != null && !filter.submitToken().isEmpty()) {
                require(s, FlareFeature.SUBMIT_TOKEN); // a 2.7 server fails on the option: refused before it is sent
            }
            return new JobOperations(s, clock).list(filter);
        });
    }

    @Override
    public AbortResult abort(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(study, false, s -> new JobOperations(s, clock).abort(jobId, study));
    }

    @Override
    public CloneResult cloneJob(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(study, false, s -> new JobLifecycle(s, clock).cloneJob(jobId, study));
    }

    @Override
    public DeleteResult delete(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(study, false, s -> new JobLifecycle(s, clock).delete(jobId, study));
    }

    /** The level is checked before connecting, as the CLI does (LogLevels). */
    @Override
    public LogConfigResult logConfig(String jobId, LogConfigRequest request)
            throws FlareException, InterruptedException {
        checkJobId(jobId);
        LogLevels.requireArgument(request.level());
        return commands(request.study(), false, s -> new JobLogConfig(s, clock).configure(jobId, request));
    }

    /** {@code --since} is checked before connecting, as the CLI's argument parser does (LogBounds.parseSince). */
    @Override
    public JobLogs logs(String jobId, LogRequest request) throws FlareException, InterruptedException {
        checkJobId(jobId);
        LogBounds.parseSince(request.since());
        return commands(request.study(), false, s -> {
            require(s, FlareFeature.JOB_LOGS);
            return new JobOperations(s, clock).logs(jobId, request);
        });
    }

    @Override
    public DownloadResult download(String jobId, DownloadRequest request) throws FlareException, InterruptedException {
        checkJobId(jobId);
        Path folder = streaming(
                request.study(),
                s -> JobDownload.download(
                        s.streaming().login(), jobId, request.outputDir(), request.force(), request.study()));
        try {
            return DownloadReport.of(jobId, folder);
        } catch (IOException e) {
            throw CliErrors.outputDirNotWritable(PathParts.folder(folder).toString(), e.getMessage());
        }
    }

    @Override
    public JobStats stats(String jobId, String site, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        return commands(study, false, s -> new JobOperations(s, clock).stats(jobId, site, study));
    }

    @Override
    public void whenConnected(Consumer<FlareVersion> listener) {
        connected = listener;
    }

    /** Logs out and closes the kept session; calls after this fail. */
    @Override
    public void close() {
        sessions.close();
    }

    /** An operation on a logged-in session. */
    @FunctionalInterface
    private interface Operation<T> {
        T run(AdminSession session) throws FlareException, InterruptedException, IOException;
    }

    /**
     * Runs an operation made of hci commands. When the kept session turns out to have been dropped or ended by the
     * server before the operation got any answer ({@link AdminSession#stale()}), the operation did nothing on the
     * server and runs once more on a new login.
     *
     * @param waiting wait and monitor report a rejected login with the generic AUTH_FAILED hint (cmd_job_wait)
     */
    private <T> T commands(String study, boolean waiting, Operation<T> operation)
            throws FlareException, InterruptedException {
        AdminSession first = open(study, false, waiting);
        try {
            return run(first, false, operation);
        } catch (FlareException e) {
            if (!first.stale()) {
                throw e;
            }
        }
        return run(open(study, false, waiting), false, operation);
    }

    /** Runs an upload or download: on a session checked first, never repeated, not kept when broken off. */
    private <T> T streaming(String study, Operation<T> operation) throws FlareException, InterruptedException {
        return run(open(study, true, false), true, operation);
    }

    private AdminSession open(String study, boolean checked, boolean waiting)
            throws FlareException, InterruptedException {
        try {
            return checked ? sessions.openChecked(study) : sessions.open(study);
        } catch (CliErrors.LoginRejected e) {
            if (waiting) {
                throw e.forWaiting();
            }
            throw e;
        }
    }

    private <T> T run(AdminSession s, boolean streaming, Operation<T> operation)
            throws FlareException, InterruptedException {
        Consumer<FlareVersion> listener = connected;
        if (listener != null) {
            connected = null;
            listener.accept(s.serverVersion());
        }
        try {
            return operation.run(s);
        } catch (FlareException e) {
            if (streaming && ErrorCodes.CONNECTION_FAILED.equals(e.errorCode())) {
                s.abandon(); // an upload or download broken off half-way leaves the connection in no known state
            }
            throw e;
        } catch (IOException e) {
            s.abandon();
            Interrupts.rethrowIfInterrupt(e);
            throw CliErrors.connectionFailed(e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            s.abandon(); // a request may be unanswered: neither kept nor logged out (which would wait for it)
            throw e;
        } finally {
            s.close();
        }
    }

    /** Refuses, before the operation sends anything, what the logged-in server's version cannot do. */
    private static void require(AdminSession s, FlareFeature feature) throws FlareException {
        feature.require(s.serverVersion(), "the FLARE server");
    }

    /**
     * What the CLI's argument parser refuses (JobIds); any other id goes to the server in the command line
     * flare_api builds, and the server judges it, as for the CLI (JobCommands).
     */
    private static void checkJobId(String jobId) throws FlareException {
        JobIds.requireArgument(jobId);
    }
}
