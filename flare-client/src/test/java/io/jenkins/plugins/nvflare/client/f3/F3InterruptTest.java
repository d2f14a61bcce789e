package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.job.JobOperations;
import io.jenkins.plugins.nvflare.client.f3.job.JobWaiter;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeGrpcServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.f3.ws.WebSocketInbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interrupting the calling thread ends a native call with {@link InterruptedException}, never with
 * CONNECTION_FAILED (the plugin aborts the FLARE job only on an interrupt), and leaves the thread's interrupt
 * status cleared, as {@link Thread#sleep} does ({@link Interrupts}). Scripted reads for each way an interrupt
 * shows up, then end to end over every scheme: the server interrupts the client thread while it waits for
 * a reply (http: the wait ends at once; tcp: the reply still comes, then the interrupt is reported).
 */
class F3InterruptTest {
    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final double NOW = 1_795_562_340.0;
    /** Long enough that ending within {@link #PROMPT_MS} cannot be a read timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final long PROMPT_MS = 5000;

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    /** Holds a server handler that interrupted the client until the test is done with it. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** The thread running the test, which makes the calls the server interrupts. */
    private Thread client;

    @TempDir
    Path tmp;

    @BeforeEach
    void clientThread() {
        client = Thread.currentThread();
    }

    @AfterEach
    void stop() {
        release.countDown();
        serverThread.shutdownNow();
        Thread.interrupted(); // never leak an interrupt into the next test
    }

    // ---- scripted reads

    /** How an interrupt of the thread waiting for a reply reaches the code that runs the command. */
    enum Read {
        /** http: WebSocketInbox.next was interrupted: InterruptedIOException, interrupt status set again. */
        WEBSOCKET_WAIT,
        /** An InterruptedIOException whose thrower cleared the status (as okio's Timeout does). */
        INTERRUPTED_IO_STATUS_CLEARED,
        /** tcp: the socket read ignored the interrupt and timed out, the status still set. */
        TCP_READ_TIMED_OUT,
        /** tcp: the socket read ignored the interrupt and returned the reply, the status still set. */
        TCP_READ_RETURNED
    }

    private static ScriptedHci.Answer interrupted(Read read, HciReply reply) {
        return () -> {
            switch (read) {
                case WEBSOCKET_WAIT -> {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a websocket message");
                }
                case INTERRUPTED_IO_STATUS_CLEARED -> throw new InterruptedIOException("interrupted");
                case TCP_READ_TIMED_OUT -> {
                    Thread.currentThread().interrupt();
                    throw new SocketTimeoutException("Read timed out");
                }
                default -> {
                    Thread.currentThread().interrupt();
                    return reply;
                }
            }
        };
    }

    private static HciReply running() {
        return ServerReplies.jobMeta(ServerReplies.runningJobMeta(CliCaptures.dataMap("26-job-meta")));
    }

    /** The call ends with InterruptedException and the interrupt status is cleared, as Thread.sleep leaves it. */
    private static InterruptedException assertInterrupted(Executable call) {
        InterruptedException e = assertThrows(InterruptedException.class, call);
        assertFalse(Thread.currentThread().isInterrupted(), "interrupt status cleared with the InterruptedException");
        return e;
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void waitForJobInterruptedDuringGetJobMeta(Read read) {
        ScriptedHci hci = new ScriptedHci().onAnswer("get_job_meta " + JOB, interrupted(read, running()));
        InterruptedException e = assertInterrupted(
                () -> new JobWaiter(hci, new FakeClock(NOW)).waitForJob(JOB, WaitOptions.defaults(null)));
        if (read != Read.TCP_READ_RETURNED) {
            assertInstanceOf(IOException.class, e.getCause());
        }
        assertEquals(List.of("get_job_meta " + JOB), hci.sent(), "no retry, no further poll");
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void monitorInterruptedDuringGetJobMeta(Read read) {
        ScriptedHci hci = new ScriptedHci().onAnswer("get_job_meta " + JOB, interrupted(read, running()));
        List<MonitorEvent> events = new ArrayList<>();
        assertInterrupted(
                () -> new JobWaiter(hci, new FakeClock(NOW)).monitor(JOB, WaitOptions.defaults(null), events::add));
        assertEquals(List.of(), events);
        assertEquals(List.of("get_job_meta " + JOB), hci.sent());
    }

    @Test
    void monitorInterruptedDuringShowStats() {
        ScriptedHci hci = new ScriptedHci()
                .on("get_job_meta " + JOB, running())
                .onAnswer("show_stats " + JOB + " server", interrupted(Read.WEBSOCKET_WAIT, null));
        assertInterrupted(
                () -> new JobWaiter(hci, new FakeClock(NOW)).monitor(JOB, WaitOptions.defaults(null), e -> {}));
        assertEquals(List.of("get_job_meta " + JOB, "show_stats " + JOB + " server"), hci.sent());
    }

    @Test
    void anInterruptedAbortIsNotRetried() {
        ScriptedHci hci = new ScriptedHci().onAnswer("abort_job " + JOB, interrupted(Read.WEBSOCKET_WAIT, null));
        FakeClock clock = new FakeClock(NOW);
        assertInterrupted(() -> new JobOperations(hci, clock).abort(JOB, null));
        assertEquals(List.of("abort_job " + JOB), hci.sent());
        assertEquals(List.of(), clock.sleeps());
    }

    @Test
    void metaInterruptedThroughTheClientClosesTheSession() {
        ScriptedHci hci = new ScriptedHci().onAnswer("get_job_meta " + JOB, interrupted(Read.WEBSOCKET_WAIT, null));
        NativeFlareClient native3 = new NativeFlareClient(study -> hci, new FakeClock(NOW));
        assertInterrupted(() -> native3.meta(JOB, null));
        assertTrue(hci.closed());
    }

    /** Without an interrupt a read timeout stays what it was: the server did not answer. */
    @Test
    void aReadTimeoutWithoutInterruptIsStillConnectionFailed() {
        ScriptedHci hci = new ScriptedHci().onAnswer("get_job_meta " + JOB, () -> {
            throw new SocketTimeoutException("Read timed out");
        });
        FlareException e = assertThrows(
                FlareException.class,
                () -> new JobWaiter(hci, new FakeClock(NOW)).monitor(JOB, WaitOptions.defaults(null), x -> {}));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /** Only the reading thread's own interrupt is an InterruptedIOException from the inbox, not one of OkHttp's threads. */
    @Test
    void anInterruptOfOkHttpsThreadIsNotTheReadersInterrupt() {
        WebSocketInbox inbox = new WebSocketInbox(1024);
        inbox.onFailure(null, new InterruptedIOException("interrupted"), null);
        IOException e = assertThrows(IOException.class, () -> inbox.next(Duration.ofSeconds(1)));
        assertFalse(Interrupts.isInterrupt(e), e.toString());

        WebSocketInbox timedOut = new WebSocketInbox(1024);
        timedOut.onFailure(null, new SocketTimeoutException("timeout"), null);
        assertThrows(SocketTimeoutException.class, () -> timedOut.next(Duration.ofSeconds(1)));
    }

    // ---- end to end: the server interrupts the client thread while it waits for the reply

    /** A fake server on one scheme, serving one session. */
    private final class Served implements AutoCloseable {
        final FakeFlareServer flare = new FakeFlareServer();
        final FakeWebSocketServer ws;
        final FakeGrpcServer grpc;
        final String scheme;

        Served(String scheme) throws Exception {
            this.scheme = scheme;
            ws = scheme.equals("http") ? new FakeWebSocketServer(flare.tls(), true) : null;
            grpc = scheme.equals("grpc") ? new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS) : null;
        }

        NativeFlareClient start() throws Exception {
            serverThread.submit(() -> {
                if (ws != null) {
                    try (SfmConnection conn = ws.accept(TIMEOUT)) {
                        flare.serveOn(conn);
                    }
                } else if (grpc != null) {
                    try (SfmConnection conn = grpc.accept(TIMEOUT)) {
                        flare.serveOn(conn);
                    }
                } else {
                    flare.serve();
                }
                return null;
            });
            int port = ws != null ? ws.port() : grpc != null ? grpc.port() : flare.port();
            Path kit = F3Fixtures.adminKit(tmp.resolve("kit-" + scheme), scheme, port);
            return new NativeFlareClient(kit, TIMEOUT);
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            if (ws != null) {
                ws.close();
            }
            if (grpc != null) {
                grpc.close();
            }
            flare.close();
        }
    }

    /**
     * A server-side handler that interrupts the client while it waits for this reply; over http and grpc it then
     * holds the reply back (the client must not need it: both wait in an inbox), over tcp it answers
     * ({@code answer}) as the socket read cannot be interrupted.
     */
    private <T> T interruptClient(String scheme, T answer) throws InterruptedException {
        Thread.sleep(100); // let the client get into its read
        client.interrupt();
        if (!scheme.equals("tcp")) {
            release.await(30, TimeUnit.SECONDS);
        }
        return answer;
    }

    /** Runs the call, which must end with InterruptedException promptly (not at a read timeout). */
    private void assertInterruptedPromptly(Executable call) {
        long start = System.nanoTime();
        InterruptedException e = assertInterrupted(call);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < PROMPT_MS, "took " + millis + " ms: " + e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "grpc"})
    void monitorInterruptedWhileGetJobMetaWaits(String scheme) throws Exception {
        try (Served s = new Served(scheme)) {
            s.flare.command("get_job_meta", line -> interruptClient(scheme, runningJson()));
            NativeFlareClient native3 = s.start();
            List<MonitorEvent> events = new ArrayList<>();
            assertInterruptedPromptly(() -> native3.monitor(JOB, WaitOptions.defaults(null), events::add));
            assertEquals(List.of(), events);
            assertEquals(
                    1,
                    s.flare.log().stream()
                            .filter(l -> l.startsWith("command get_job_meta"))
                            .count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "grpc"})
    void waitForJobInterruptedWhileGetJobMetaWaits(String scheme) throws Exception {
        try (Served s = new Served(scheme)) {
            s.flare.command("get_job_meta", line -> interruptClient(scheme, runningJson()));
            NativeFlareClient native3 = s.start();
            assertInterruptedPromptly(() -> native3.waitForJob(JOB, WaitOptions.defaults(null)));
            assertEquals(
                    1,
                    s.flare.log().stream()
                            .filter(l -> l.startsWith("command get_job_meta"))
                            .count());
        }
    }

    /** Opening the session: the login's last step (_cert_login) waits when the interrupt comes. */
    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "grpc"})
    void sessionOpenInterruptedDuringLogin(String scheme) throws Exception {
        try (Served s = new Served(scheme)) {
            s.flare.answeringCertLogin(study -> {
                try {
                    return interruptClient(scheme, null); // null: the default (successful) login answer
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            NativeFlareClient native3 = s.start();
            assertInterruptedPromptly(() -> native3.meta(JOB, null));
            assertFalse(s.flare.log().stream().anyMatch(l -> l.startsWith("command ")), "no command after the login");
        }
    }

    /**
     * Opening the session over tcp while the server leaves the identity challenge unanswered: the socket read
     * ignores the interrupt, but the first short wait for the answer ends the login instead of another attempt.
     */
    @Test
    void sessionOpenOverTcpInterruptedWhileTheChallengeIsUnanswered() throws Exception {
        try (Served s = new Served("tcp")) {
            s.flare.droppingChallenges(AdminLogin.CHALLENGE_ATTEMPTS);
            NativeFlareClient native3 = s.start();
            Thread interrupter = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!s.flare.log().contains("challenge dropped") && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                client.interrupt();
            });
            interrupter.start();
            long start = System.nanoTime();
            assertInterrupted(() -> native3.meta(JOB, null));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(
                    millis < 2 * AdminLogin.CHALLENGE_WAIT.toMillis(), "took " + millis + " ms: no second challenge");
            assertEquals(
                    1,
                    s.flare.log().stream()
                            .filter(l -> l.equals("challenge dropped"))
                            .count(),
                    s.flare.log().toString());
            interrupter.join();
        }
    }

    /** Opening the session: the http driver waits for the server's READY when the interrupt comes. */
    @Test
    void sessionOpenInterruptedDuringTheHandshake() throws Exception {
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            serverThread.submit(
                    () -> { // upgrades the websocket but never answers HELLO
                        ws.request();
                        Thread.sleep(300);
                        client.interrupt();
                        return null;
                    });
            NativeFlareClient native3 =
                    new NativeFlareClient(F3Fixtures.adminKit(tmp.resolve("kit"), "http", ws.port()), TIMEOUT);
            assertInterruptedPromptly(() -> native3.meta(JOB, null));
        }
    }

    /** Over http the upload's wait for a chunk's answer is interruptible: the interrupt is not CONNECTION_FAILED. */
    @Test
    void submitInterruptedWhileAnUploadChunkWaits() throws Exception {
        Path job = tmp.resolve("job");
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello-numpy\"}");
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{\"format_version\": 2}");
        try (Served s = new Served("http")) {
            FakeStreamServer.install(s.flare);
            s.flare.route("aux_communication/ObjectStreamer.Request", (req, conn) -> interruptClient("http", null));
            NativeFlareClient native3 = s.start();
            assertInterruptedPromptly(() -> native3.submit(new SubmitRequest(job, null, null)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "grpc"})
    void downloadInterruptedDuringItsCommand(String scheme) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (Served s = new Served(scheme)) {
            FakeStreamServer stream = FakeStreamServer.install(s.flare).offer(Map.of("meta.json", "{}".getBytes()));
            // over tcp the answer that still comes is the default string reply; the interrupt wins over it
            s.flare.command("job_mgmt.download_job", line -> interruptClient(scheme, null));
            NativeFlareClient native3 = s.start();
            assertInterruptedPromptly(() -> native3.download(JOB, new DownloadRequest(out, false, null)));
            assertEquals(List.of(), names(out), "nothing staged");
            assertEquals(List.of(), stream.log(), "nothing pulled");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "tcp", "grpc"})
    void downloadInterruptedDuringThePull(String scheme) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (Served s = new Served(scheme)) {
            FakeStreamServer.install(s.flare).offer(Map.of("meta.json", "{}".getBytes()));
            boolean[] first = {true};
            s.flare.route("download_service__/download_service__download", (req, conn) -> {
                Map<?, ?> p = (Map<?, ?>) req.decodedPayload();
                if (p.containsKey("confirm") || p.containsKey("cancel")) {
                    return null; // one-way
                }
                if (first[0]) {
                    first[0] = false;
                    Map<String, Object> chunk = new LinkedHashMap<>();
                    chunk.put("status", "ok");
                    chunk.put("data", "{}".getBytes());
                    chunk.put("cancel_capable", true);
                    return interruptClient(scheme, chunk);
                }
                return Map.of("status", "eof");
            });
            NativeFlareClient native3 = s.start();
            assertInterruptedPromptly(() -> native3.download(JOB, new DownloadRequest(out, false, null)));
            assertEquals(List.of(), names(out), "the staging folder is removed");
        }
    }

    /** get_job_meta's reply JSON for the job while it runs. */
    private static String runningJson() {
        Map<String, Object> meta = ServerReplies.runningJobMeta(CliCaptures.dataMap("26-job-meta"));
        return ServerReplies.buffer()
                .dict(meta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", meta)))
                .json();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
