package io.jenkins.plugins.nvflare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.CloneResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
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
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.MonitorListener;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.job.JobIds;
import io.jenkins.plugins.nvflare.client.job.LogLevels;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link FlareClient} on top of the {@code nvflare job} CLI: every call runs
 * {@code nvflare job <command> ... --startup-kit <dir> --format json} (or {@code jsonl} for
 * monitor) and maps the result. The kit directory is only passed as a path; its contents are
 * never read or logged here.
 */
public final class CliFlareClient implements FlareClient {

    private final NvflareCli cli;
    private final Path startupKitDir;

    public CliFlareClient(CliConfig config, Path startupKitDir) {
        this(new NvflareCli(config), startupKitDir);
    }

    CliFlareClient(NvflareCli cli, Path startupKitDir) {
        this.cli = Objects.requireNonNull(cli, "cli");
        this.startupKitDir = absolute(Objects.requireNonNull(startupKitDir, "startupKitDir"));
    }

    @Override
    public String submit(SubmitRequest request) throws FlareException, InterruptedException {
        // The checks the native transport makes too, with the CLI's codes: a bad token is the CLI's own argparse
        // error; the job folder check refuses symbolic links, which the CLI would follow (README); a token with a
        // file the server cannot hash for it would fail only after the upload.
        if (request.submitToken() != null) {
            SubmitTokens.validate(request.submitToken());
        }
        Path folder = absolute(request.jobFolder());
        JobFolder job = request.checked() != null ? request.checked() : JobFolders.inspect(folder);
        if (request.submitToken() != null) {
            SubmitTokens.requireHashable(job);
        }
        CliArgs args = CliArgs.job("submit")
                .option("-j", folder)
                .option("--study", request.study())
                .option("--submit-token", request.submitToken());
        return Results.submittedJobId(run(args));
    }

    @Override
    public JobMeta meta(String jobId, String study) throws FlareException, InterruptedException {
        return Results.meta(
                run(CliArgs.job("meta").positional(checkJobId(jobId)).option("--study", study)));
    }

    @Override
    public JobResult waitForJob(String jobId, WaitOptions options) throws FlareException, InterruptedException {
        CliArgs args = CliArgs.job("wait")
                .positional(checkJobId(jobId))
                .option("--timeout", options.timeoutSeconds())
                .option("--interval", options.intervalSeconds())
                .option("--study", options.study());
        try {
            return Results.waited(cli.run(withKit(args), waitDeadline(options)));
        } catch (FlareException e) {
            // Failed, aborted, abandoned and timed-out jobs are outcomes, not errors (see 45-wait-aborted).
            JobResult outcome = Results.waitOutcome(e, jobId);
            if (outcome == null) {
                throw e;
            }
            return outcome;
        }
    }

    @Override
    public JobResult monitor(String jobId, WaitOptions options, MonitorListener listener)
            throws FlareException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        CliArgs args = CliArgs.job("monitor")
                .positional(checkJobId(jobId))
                .option("--timeout", options.timeoutSeconds())
                .option("--interval", options.intervalSeconds())
                .option("--study", options.study());
        for (String metric : options.extraMetrics()) {
            args.option("--metric", metric);
        }
        AtomicReference<MonitorEvent> terminal = new AtomicReference<>();
        AtomicReference<Metrics> lastMetrics = new AtomicReference<>();
        // stream() returns only after a line with "terminal": true, so terminal is set below.
        cli.stream(withKit(args), waitDeadline(options), line -> {
            MonitorEvent event = MonitorEvents.event(line);
            listener.onEvent(event);
            if (!event.metrics().isEmpty()) {
                lastMetrics.set(event.metrics());
            }
            if (event.terminal()) {
                terminal.set(event);
            }
        });
        return MonitorEvents.result(terminal.get(), jobId, lastMetrics.get());
    }

    @Override
    public List<JobSummary> list(ListFilter filter) throws FlareException, InterruptedException {
        CliArgs args = CliArgs.job("list")
                .option("-n", filter.namePrefix())
                .option("-i", filter.idPrefix())
                .option("-m", filter.max())
                .option("--study", filter.study())
                .option("--submit-token", filter.submitToken());
        return Results.list(run(args));
    }

    @Override
    public AbortResult abort(String jobId, String study) throws FlareException, InterruptedException {
        // Without --force the CLI refuses in non-interactive mode (42-abort-no-force).
        return Results.abort(run(CliArgs.job("abort")
                .positional(checkJobId(jobId))
                .flag("--force", true)
                .option("--study", study)));
    }

    @Override
    public CloneResult cloneJob(String jobId, String study) throws FlareException, InterruptedException {
        return Results.clone(
                run(CliArgs.job("clone").positional(checkJobId(jobId)).option("--study", study)));
    }

    @Override
    public DeleteResult delete(String jobId, String study) throws FlareException, InterruptedException {
        // Without --force the CLI refuses in non-interactive mode (167-delete-no-force); it only skips the prompt.
        return Results.delete(
                run(CliArgs.job("delete")
                        .positional(checkJobId(jobId))
                        .flag("--force", true)
                        .option("--study", study)),
                jobId);
    }

    @Override
    public LogConfigResult logConfig(String jobId, LogConfigRequest request)
            throws FlareException, InterruptedException {
        // The level is checked here as the CLI checks it (LogLevels), so that one starting with '-' cannot become an
        // option of the command line.
        CliArgs args = CliArgs.job("log-config")
                .positional(checkJobId(jobId))
                .positional(LogLevels.requireArgument(request.level()))
                .option("--site", request.site())
                .option("--study", request.study());
        return Results.logConfig(run(args));
    }

    @Override
    public JobLogs logs(String jobId, LogRequest request) throws FlareException, InterruptedException {
        CliArgs args = CliArgs.job("logs")
                .positional(checkJobId(jobId))
                .option("--site", request.site())
                .option("--tail", request.tail())
                .option("--since", request.since())
                .option("--max-bytes", request.maxBytes())
                .option("--study", request.study());
        return Results.logs(run(args));
    }

    @Override
    public DownloadResult download(String jobId, DownloadRequest request) throws FlareException, InterruptedException {
        CliArgs args = CliArgs.job("download")
                .positional(checkJobId(jobId))
                .option("-o", absolute(request.outputDir()))
                .flag("--force", request.force())
                .option("--study", request.study());
        return Results.download(run(args));
    }

    @Override
    public JobStats stats(String jobId, String site, String study) throws FlareException, InterruptedException {
        return Results.stats(run(CliArgs.job("stats")
                .positional(checkJobId(jobId))
                .option("--site", site)
                .option("--study", study)));
    }

    private JsonNode run(CliArgs args) throws FlareException, InterruptedException {
        return cli.run(withKit(args), cli.config().commandDeadline());
    }

    private List<String> withKit(CliArgs args) {
        return args.option("--startup-kit", startupKitDir).build();
    }

    /** A wait with a timeout gets that timeout plus the command deadline; without one it may wait forever. */
    private Duration waitDeadline(WaitOptions options) {
        return options.timeoutSeconds() == 0
                ? null
                : Duration.ofSeconds(options.timeoutSeconds()).plus(cli.config().commandDeadline());
    }

    /** Relative paths mean the same to the CLI as to the caller: resolved against the CLI's working directory. */
    private Path absolute(Path path) {
        Path workingDirectory = cli.config().workingDirectory();
        return path.isAbsolute() || workingDirectory == null
                ? path.toAbsolutePath()
                : workingDirectory.toAbsolutePath().resolve(path);
    }

    /**
     * A job id is a positional argument: one starting with '-' would be read as an option (and could select
     * another kit), so it is refused as the CLI's argparse would refuse it; any other id is the CLI's to judge.
     */
    private static String checkJobId(String jobId) throws FlareException {
        return JobIds.requireArgument(jobId);
    }
}
