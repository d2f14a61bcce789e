package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.MonitorListener;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.job.JobOperations;
import io.jenkins.plugins.nvflare.client.f3.job.JobWaiter;
import io.jenkins.plugins.nvflare.client.f3.job.LogBounds;
import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import io.jenkins.plugins.nvflare.client.f3.session.AdminSession;
import io.jenkins.plugins.nvflare.client.f3.session.KitAdminSessions;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.f3.transfer.DownloadReport;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobDownload;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobUpload;
import io.jenkins.plugins.nvflare.client.f3.transfer.SignedJobZip;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.job.JobIds;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link FlareClient} speaking FLARE's admin protocol from the JVM (docs/native-transport.md): every call
 * opens a session (connection + login for the call's study), runs the operation as {@code nvflare job}
 * would and closes the session, like the CLI does per command. Results and error codes are the CLI
 * transport's (the shared contract tests hold both to the real captures). Kits with the {@code http}
 * (websocket) and {@code tcp} schemes can connect; {@code grpc} is refused. Run against a live NVFlare
 * 2.9-dev server over both schemes with results equal to the real CLI's (docs/native-transport.md §13.1).
 */
public final class NativeFlareClient implements FlareClient {
    /** The read timeout of each request; FLARE's admin client defaults to 5 s unless cmd_timeout is set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final AdminSession.Factory sessions;
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
        this(new KitAdminSessions(Objects.requireNonNull(startupKitDir, "startupKitDir"), timeout), PollClock.SYSTEM,
                tempDir, SignedJobZip.FILES);
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
     * Checks the submit token (SubmitTokens) and the folder (JobFolders) as the CLI transport does, with the CLI's
     * codes, signs and zips the folder into a temporary file — before connecting, so nothing is uploaded for a
     * bad token, a bad folder or a job file that cannot be read — then opens a session and uploads the file
     * chunk by chunk; the file is deleted in any case.
     */
    @Override
    public String submit(SubmitRequest request) throws FlareException, InterruptedException {
        if (request.submitToken() != null) {
            SubmitTokens.validate(request.submitToken());
        }
        Path folder = JobFolders.resolve(request.jobFolder().toAbsolutePath().normalize());
        try (SignedJobZip.Staged zip = SignedJobZip.stage(folder, sessions.kit(), tempDir, jobFiles)) {
            try (AdminSession s = sessions.open(request.study())) {
                // No Interrupts.check() after a successful upload: the job exists, so its id is the answer.
                return JobUpload.submit(s.streaming().login(), zip, folder, request.submitToken());
            } catch (IOException e) {
                Interrupts.rethrowIfInterrupt(e);
                throw CliErrors.connectionFailed(e.getMessage(), e);
            }
        }
    }

    @Override
    public JobMeta meta(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        try (AdminSession s = sessions.open(study)) {
            return new JobOperations(s, clock).meta(jobId, study);
        }
    }

    @Override
    public JobResult waitForJob(String jobId, WaitOptions options) throws FlareException, InterruptedException {
        checkJobId(jobId);
        try (AdminSession s = openForWaiting(options.study())) {
            return new JobWaiter(s, clock).waitForJob(jobId, options);
        }
    }

    @Override
    public JobResult monitor(String jobId, WaitOptions options, MonitorListener listener)
            throws FlareException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        checkJobId(jobId);
        try (AdminSession s = openForWaiting(options.study())) {
            return new JobWaiter(s, clock).monitor(jobId, options, listener);
        }
    }

    @Override
    public List<JobSummary> list(ListFilter filter) throws FlareException, InterruptedException {
        try (AdminSession s = sessions.open(filter.study())) {
            return new JobOperations(s, clock).list(filter);
        }
    }

    @Override
    public AbortResult abort(String jobId, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        try (AdminSession s = sessions.open(study)) {
            return new JobOperations(s, clock).abort(jobId, study);
        }
    }

    /** {@code --since} is checked before connecting, as the CLI's argument parser does (LogBounds.parseSince). */
    @Override
    public JobLogs logs(String jobId, LogRequest request) throws FlareException, InterruptedException {
        checkJobId(jobId);
        LogBounds.parseSince(request.since());
        try (AdminSession s = sessions.open(request.study())) {
            return new JobOperations(s, clock).logs(jobId, request);
        }
    }

    @Override
    public DownloadResult download(String jobId, DownloadRequest request) throws FlareException, InterruptedException {
        checkJobId(jobId);
        Path folder;
        try (AdminSession s = sessions.open(request.study())) {
            try {
                folder = JobDownload.download(s.streaming().login(), jobId, request.outputDir(), request.force(),
                        request.study());
            } catch (InterruptedException e) {
                s.abandon(); // a request may be unanswered: no logout waiting for the read timeout
                throw e;
            }
        }
        try {
            return DownloadReport.of(jobId, folder);
        } catch (IOException e) {
            throw CliErrors.outputDirNotWritable(folder.getParent().toString(), e.getMessage());
        }
    }

    @Override
    public JobStats stats(String jobId, String site, String study) throws FlareException, InterruptedException {
        checkJobId(jobId);
        try (AdminSession s = sessions.open(study)) {
            return new JobOperations(s, clock).stats(jobId, site, study);
        }
    }

    /** cmd_job_wait and cmd_job_monitor report a rejected login with the generic AUTH_FAILED hint. */
    private AdminSession openForWaiting(String study) throws FlareException, InterruptedException {
        try {
            return sessions.open(study);
        } catch (CliErrors.LoginRejected e) {
            throw e.forWaiting();
        }
    }

    /**
     * What the CLI's argument parser refuses (JobIds); any other id goes to the server in the command line
     * flare_api builds, and the server judges it, as for the CLI (JobCommands).
     */
    private static void checkJobId(String jobId) throws FlareException {
        JobIds.requireArgument(jobId);
    }
}
