package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.CaptureTrees;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.TestKits;
import io.jenkins.plugins.nvflare.credentials.StartupKitCredentialsImpl;
import io.jenkins.plugins.nvflare.model.JobRecord;
import io.jenkins.plugins.nvflare.ui.FlareBuildAction;
import io.jenkins.plugins.nvflare.ui.JobView;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A FLARE federation as the plugin sees it in tests: a fake {@code nvflare} (flare-client's
 * {@link FakeNvflare}, replaying the real captures) configured as the global executable, and an
 * admin startup kit credential {@value #KIT_ID} built like the captured POC kit.
 */
public final class FlareFixture {

    public static final String KIT_ID = "flare-kit";
    /** The credential holding {@link FakeFederation}'s admin kit, for {@code transport: 'native'}. */
    public static final String NATIVE_KIT_ID = "native-kit";
    /** The job id of the captured hello-numpy run (21-job-submit, 22-job-monitor-jsonl, 27, 28). */
    public static final String JOB_ID = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";

    public final FakeNvflare fake;
    public final byte[] kitZip;
    private final Path scratch;

    private FlareFixture(FakeNvflare fake, byte[] kitZip, Path scratch) {
        this.fake = fake;
        this.kitZip = kitZip;
        this.scratch = scratch;
    }

    public static FlareFixture create(Path tmp) throws IOException {
        FakeNvflare fake = FakeNvflare.install(Files.createDirectories(tmp.resolve("fake")));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        byte[] kit = TestKits.adminKitZip(scratch);
        FlareGlobalConfiguration.get().setExecutable(fake.executable().toString());
        // The fake CLI answers only on the cli transport, so steps that give none use it (the default is native).
        FlareGlobalConfiguration.get().setTransport("cli");
        addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, KIT_ID, "FLARE admin", "admin@nvidia.com.zip", SecretBytes.fromRawBytes(kit)));
        return new FlareFixture(fake, kit, scratch);
    }

    /** Adds {@value #NATIVE_KIT_ID}: the admin kit of {@code federation}. */
    public static void addNativeKit(FakeFederation federation) throws IOException {
        addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL,
                NATIVE_KIT_ID,
                "FLARE admin (tcp)",
                "admin@nvidia.com.zip",
                SecretBytes.fromRawBytes(federation.adminKitZip())));
    }

    public static void addCredentials(Credentials credentials) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getDomainCredentialsMap().get(Domain.global()).add(credentials);
        provider.save();
    }

    /** A kit zip whose certificate started {@code startDaysAgo} days ago and is valid {@code validityDays} days. */
    public byte[] kit(int startDaysAgo, int validityDays) throws IOException {
        return TestKits.adminKitZip(scratch, "admin@nvidia.com", startDaysAgo, validityDays);
    }

    /** A job folder like the hello-numpy job FLARE stored (28-job-download-tree.txt, job/tmp.../). */
    public static void writeJobFolder(FilePath workspace, String folder) throws IOException, InterruptedException {
        FilePath job = workspace.child(folder);
        job.child("app/config").mkdirs();
        job.child("meta.json").write("{\"name\": \"hello-numpy\", \"deploy_map\": {\"app\": [\"@ALL\"]}}", "UTF-8");
        job.child("app/config/config_fed_server.json").write("{\"format_version\": 2}", "UTF-8");
        job.child("app/config/config_fed_client.json").write("{\"format_version\": 2}", "UTF-8");
    }

    /**
     * What {@code nvflare job download -o <outputDir>} leaves behind: the captured tree
     * (28-job-download-tree.txt) under the workspace, and the captured answer (28-job-download.stdout)
     * with its placeholder folder replaced by the real one.
     */
    public static FakeNvflare.Response download(FilePath workspace, String outputDir) throws IOException {
        Path output = new File(workspace.getRemote(), outputDir).toPath();
        CaptureTrees.materialize("28-job-download-tree.txt", output);
        String stdout = new String(FakeNvflare.resource("28-job-download.stdout"), StandardCharsets.UTF_8)
                .replace("/var/tmp/x/dl", output.toAbsolutePath().toString());
        return FakeNvflare.Response.of(stdout, "", 0);
    }

    /**
     * One poll of the running job, as {@code nvflare job monitor --timeout 1 --interval 1} answers it: the live capture
     * 140-monitor-poll-running-jsonl (one progress event, then the monitor's own timeout event, exit 3), with its job
     * (hello-numpy-long) renamed to the hello-numpy run of {@link #JOB_ID} so that it precedes 22-job-monitor-jsonl.
     */
    public static FakeNvflare.Response runningPoll() {
        return FakeNvflare.Response.of(runningPollText(), "", 3);
    }

    /** The standard output of {@link #runningPoll()}. */
    public static String runningPollText() {
        return new String(FakeNvflare.resource("140-monitor-poll-running-jsonl.stdout"), StandardCharsets.UTF_8)
                .replace("25df360b-ce80-4552-82f9-805c443dfcd9", JOB_ID)
                .replace("hello-numpy-long", "hello-numpy");
    }

    /** The progress line {@link #runningPoll()} shows in the console. */
    public static final String RUNNING_LINE = "[FLARE] Job e44ccf11 (hello-numpy): RUNNING";

    /** The FLARE jobs build {@code b} recorded, oldest first (none without the build's FLARE action). */
    public static List<JobRecord> jobs(Run<?, ?> b) {
        return FlareBuildAction.jobsOf(b);
    }

    /** The FLARE job build {@code b} met last, or null. */
    public static JobRecord job(Run<?, ?> b) {
        List<JobRecord> all = jobs(b);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The build page's view of the FLARE job build {@code b} met last. */
    public static JobView view(Run<?, ?> b) {
        return b.getAction(FlareBuildAction.class).getJob(job(b).getJobId());
    }

    /**
     * Asserts that none of the kit's secrets is in {@code bytes} (a build's {@code build.xml}, {@code program.dat},
     * console, environment): neither its private key (any line of its PEM body), nor the zip, raw or in Base64.
     */
    public void assertNoKitIn(byte[] bytes, String what) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("PRIVATE KEY"), "a private key in " + what);
        assertFalse(
                text.contains(
                        java.util.Base64.getEncoder().encodeToString(kitZip).substring(0, 40)),
                "the kit in " + what);
        assertFalse(
                text.contains(new String(kitZip, 0, 64, StandardCharsets.ISO_8859_1)), "the kit's bytes in " + what);
        try (java.util.zip.ZipInputStream zip =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(kitZip))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith(".key")) {
                    for (String line : new String(zip.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                        if (!line.startsWith("-----") && line.length() > 20) {
                            assertFalse(text.contains(line.trim()), "a line of " + e.getName() + " in " + what);
                        }
                    }
                }
            }
        }
    }

    /** The argv of every call of {@code nvflare job <subcommand>}. */
    public List<List<String>> calls(String subcommand) {
        return fake.calls().stream()
                .filter(argv -> {
                    int job = argv.indexOf("job");
                    return job >= 0
                            && job + 1 < argv.size()
                            && argv.get(job + 1).equals(subcommand);
                })
                .toList();
    }

    /**
     * Every call to FLARE ({@code nvflare job ...}) got a materialised kit, and none is left behind (also when the step
     * failed). {@code nvflare --version}, which the client runs after output that is not the JSON contract, talks to no
     * server and gets none. A call interrupted on an agent cleans up there after the controller has moved on (nvflare
     * gets SIGTERM and a few seconds to exit), so this waits up to 15 s for the last kits to go.
     */
    public void assertKitsDeleted() throws InterruptedException {
        List<List<String>> jobCalls = fake.calls().stream()
                .filter(call -> !call.equals(List.of("--version")))
                .toList();
        assertFalse(jobCalls.isEmpty());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        for (List<String> call : jobCalls) {
            String kitDir = option(call, "--startup-kit");
            assertNotNull(kitDir, call.toString());
            while (Files.exists(Path.of(kitDir)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(Path.of(kitDir)), "kit left behind: " + kitDir);
        }
    }

    /** The value after {@code option} in an argv. */
    public static String option(List<String> argv, String option) {
        int i = argv.indexOf(option);
        return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : null;
    }
}
