package io.jenkins.plugins.nvflare.client.bench;

import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.CliFlareClient;
import io.jenkins.plugins.nvflare.client.f3.NativeFlareClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Speed of both transports, run on demand (never by the build): per-call latency of {@code meta} (a fresh
 * client's first call and the median of later ones), and wall time, throughput and CPU time of submitting and
 * downloading a job with one large incompressible file. See docs/native-transport.md, "Benchmark", for how to
 * run it. Without {@code --kit} it starts the in-project fake FLARE server (tcp, http and grpc) in a JVM of its own;
 * with {@code --kit <admin kit folder> --job <job folder>} it measures against that live server, waiting for
 * each submitted job to finish before downloading it. {@code --nvflare <executable>} adds the CLI transport.
 * CPU time is this JVM's for {@code native} and the {@code nvflare} process's (with its children) for {@code cli}.
 * With {@code --cold}, each native submit and download runs in a JVM of its own ({@link ColdOperation}) and counts
 * as an {@code nvflare} run does: that process's CPU and wall time from its start, JVM start included.
 */
public final class TransportBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Options options;
    private final List<String> submitted = new ArrayList<>();

    private TransportBenchmark(Options options) {
        this.options = options;
    }

    /** Command-line options; see {@link #usage()}. */
    record Options(
            Path kit,
            Path job,
            Path nvflare,
            int sizeMb,
            int calls,
            List<String> schemes,
            String transports,
            int rounds,
            boolean cold,
            int smallFiles) {
        static Options parse(String[] args) {
            Path kit = null;
            Path job = null;
            Path nvflare = null;
            int sizeMb = 200;
            int calls = 20;
            List<String> schemes = List.of("tcp", "http", "grpc");
            String transports = "native,cli";
            int rounds = 1;
            boolean cold = false;
            int smallFiles = 0;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--cold")) {
                    cold = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--kit" -> kit = Path.of(value);
                    case "--job" -> job = Path.of(value);
                    case "--nvflare" -> nvflare = Path.of(value);
                    case "--size-mb" -> sizeMb = Integer.parseInt(value);
                    case "--calls" -> calls = Integer.parseInt(value);
                    case "--schemes" -> schemes = List.of(value.split(","));
                    case "--transports" -> transports = value;
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--small-files" -> smallFiles = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
                }
                i++;
            }
            if ((kit == null) != (job == null)) {
                throw new IllegalArgumentException("--kit and --job go together\n" + usage());
            }
            return new Options(kit, job, nvflare, sizeMb, calls, schemes, transports, rounds, cold, smallFiles);
        }
    }

    static String usage() {
        return "TransportBenchmark [--kit <admin kit folder> --job <job folder>] [--nvflare <executable>]"
                + " [--size-mb 200] [--calls 20] [--schemes tcp,http,grpc] [--transports native,cli] [--rounds 1] [--cold]"
                + " [--small-files N (the job, or a generated one for the fake server, plus N small files)]";
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        TransportBenchmark bench = new TransportBenchmark(options);
        System.out.println("| target | transport | operation | wall s | CPU s | MB/s |");
        System.out.println("|---|---|---|---|---|---|");
        if (options.kit() != null && options.smallFiles() > 0) {
            Path work = Files.createTempDirectory("nvflare-bench-");
            try {
                Path job = BenchJobs.withSmallFiles(
                        options.job(),
                        work.resolve(options.job().getFileName() + "-" + options.smallFiles() + "files"),
                        options.smallFiles());
                bench.rounds("live", options.kit(), job);
            } finally {
                deleteTree(work);
            }
        } else if (options.kit() != null) {
            bench.rounds("live", options.kit(), options.job());
        } else {
            bench.fake();
        }
        bench.print();
    }

    /** Each scheme against a fake server in a child JVM, on a generated job. */
    private void fake() throws Exception {
        Path work = Files.createTempDirectory("nvflare-bench-");
        try {
            Path job = options.smallFiles() > 0
                    ? BenchJobs.withSmallFiles(null, work.resolve("jobs/bench"), options.smallFiles())
                    : BenchJobs.withBlob(work.resolve("jobs/bench"), options.sizeMb());
            for (String scheme : options.schemes()) {
                Process server = new ProcessBuilder(
                                javaExe(),
                                "-Xmx6g",
                                "-cp",
                                System.getProperty("java.class.path"),
                                BenchServer.class.getName(),
                                scheme,
                                work.resolve("server-" + scheme).toString(),
                                job.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                try {
                    BufferedReader out =
                            new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                    String ready = out.readLine();
                    if (ready == null || !ready.startsWith("READY ")) {
                        throw new IllegalStateException("the fake server did not start: " + ready);
                    }
                    rounds("fake " + scheme, Path.of(ready.substring("READY ".length())), job);
                } finally {
                    server.getOutputStream().close();
                    server.destroy();
                    server.waitFor();
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Later rounds show the steady state of a JVM whose code is compiled (a Jenkins agent's after a few builds);
     * with {@code --cold} every round is a first transfer.
     */
    private void rounds(String target, Path kit, Path job) throws Exception {
        for (int round = 1; round <= options.rounds(); round++) {
            measure(options.rounds() == 1 ? target : target + " #" + round, kit, job);
        }
    }

    private void measure(String target, Path kit, Path job) throws Exception {
        long jobBytes = size(job);
        System.err.printf(Locale.ROOT, "%s: job %s, %.1f MB%n", target, job, jobBytes / 1e6);
        for (String transport : options.transports().split(",")) {
            if (transport.equals("cli") && options.nvflare() == null) {
                continue;
            }
            boolean cli = transport.equals("cli");
            Path out = Files.createTempDirectory("nvflare-bench-download-");
            try {
                measure(target, transport, cli, kit, job, jobBytes, out);
            } catch (Exception e) {
                // a server that did not answer in time: say so and go on with the next transport or round
                row(String.format(Locale.ROOT, "| %s | %s | failed: %s | | | |", target, transport, e.getMessage()));
            } finally {
                deleteTree(out);
            }
        }
    }

    private void measure(String target, String transport, boolean cli, Path kit, Path job, long jobBytes, Path out)
            throws Exception {
        boolean cold = !cli && options.cold();
        String jobId;
        try (FlareClient client = client(transport, kit)) {
            Sample submit = cold
                    ? coldSample("submit", kit.toString(), job.toString())
                    : sample(cli, () -> client.submit(new SubmitRequest(job, null, null)));
            jobId = submit.result();
            submitted.add(transport + " " + target + ": " + jobId);
            row(target, transport, cold ? "submit (new JVM)" : "submit", submit, jobBytes);
        }
        // not measured; native for both, as a CLI login can time out while the server deploys a large job
        try (FlareClient waiter = new NativeFlareClient(kit, TIMEOUT)) {
            waiter.waitForJob(jobId, new WaitOptions(null, 1800, 2, List.of()));
        }
        try (FlareClient client = client(transport, kit)) {
            int calls = cli ? Math.min(options.calls(), 5) : options.calls();
            List<Sample> metas = new ArrayList<>();
            for (int i = 0; i <= calls; i++) {
                metas.add(sample(cli, () -> client.meta(jobId, null)));
            }
            metaRow(target, transport, metas);
            Sample download = cold
                    ? coldSample("download", kit.toString(), jobId, out.toString())
                    : sample(cli, () -> client.download(jobId, new DownloadRequest(out, true, null)));
            row(target, transport, cold ? "download (new JVM)" : "download", download, size(out));
        }
    }

    private FlareClient client(String transport, Path kit) {
        if (transport.equals("cli")) {
            CliConfig config = CliConfig.defaults()
                    .withExecutable(options.nvflare().toString())
                    .withCommandDeadline(TIMEOUT);
            return new CliFlareClient(config, kit);
        }
        return new NativeFlareClient(kit, TIMEOUT);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private record Sample(double wallSeconds, double cpuSeconds, String result) {}

    private static <T> Sample sample(boolean childProcess, Call<T> call) throws Exception {
        double cpu0 = childProcess ? childCpuSeconds() : processCpuSeconds();
        long t0 = System.nanoTime();
        T result = call.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (childProcess ? childCpuSeconds() : processCpuSeconds()) - cpu0;
        return new Sample(wall, cpu, String.valueOf(result));
    }

    /**
     * One native operation in a fresh JVM ({@link ColdOperation}), measured as a CLI run is: the process's wall time
     * and its CPU time (cutime + cstime once it has been waited for). The result is its last line of output.
     */
    private static Sample coldSample(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(javaExe(), "-cp", System.getProperty("java.class.path"), ColdOperation.class.getName()));
        command.addAll(List.of(args));
        return sample(true, () -> {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String last = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    last = line;
                }
            }
            if (process.waitFor() != 0 || last == null) {
                throw new IllegalStateException("the cold " + args[0] + " failed (exit " + process.exitValue() + ")");
            }
            return last.trim();
        });
    }

    /** This JVM's CPU time (all threads, JIT and GC included). */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /**
     * CPU time of the child processes this JVM has waited for (Linux /proc/self/stat cutime + cstime, in clock
     * ticks of 1/100 s): what each {@code nvflare} run, and the processes it waited for, used.
     */
    private static double childCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state(0) ppid ... utime(11) stime(12) cutime(13) cstime(14)
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    }

    private void row(String target, String transport, String op, Sample s, long bytes) {
        row(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %.2f | %.2f | %.1f |",
                target,
                transport,
                op,
                s.wallSeconds(),
                s.cpuSeconds(),
                bytes / 1e6 / s.wallSeconds()));
    }

    private void metaRow(String target, String transport, List<Sample> metas) {
        List<Double> later = metas.subList(1, metas.size()).stream()
                .map(Sample::wallSeconds)
                .sorted()
                .toList();
        double median = later.isEmpty() ? Double.NaN : later.get(later.size() / 2);
        row(String.format(
                Locale.ROOT,
                "| %s | %s | meta: first call %.0f ms, then median %.1f ms (n=%d, min %.1f, max %.1f) | | | |",
                target,
                transport,
                metas.get(0).wallSeconds() * 1000,
                median * 1000,
                later.size(),
                later.get(0) * 1000,
                later.get(later.size() - 1) * 1000));
    }

    /** Printed as soon as it is measured, so a run that fails later keeps what it measured. */
    private static void row(String row) {
        System.out.println(row);
        System.out.flush();
    }

    private void print() {
        System.out.println();
        System.out.println("jobs submitted: " + submitted);
    }

    private static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
