package io.jenkins.plugins.nvflare.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake {@code nvflare} executable for tests: a bash script (python is not needed) that replays
 * scripted responses, normally the real captures in {@code nvflare-cli-captures/} (stdout bytes,
 * stderr, exit code from line 1 of {@code .rc}), and records every call's argv, working directory
 * and environment.
 *
 * <p>Responses are scripted per {@code job} subcommand ({@code meta}, {@code monitor}, ...) as a
 * sequence: call N of a subcommand gets response N, later calls repeat the last one. Streamed
 * responses write stdout line by line with a delay, or wait for an acknowledgement file per line
 * (so a test can prove each line was consumed before the next one is written), and may hang at
 * the end. Plain {@code java.nio}. Where scripts cannot run by their {@code #!} line (Windows, which has no POSIX
 * file modes either) {@link #install} skips the test with a JUnit assumption.
 */
public final class FakeNvflare {

    /** Where the captures live on the test classpath. */
    public static final String CAPTURES = "/nvflare-cli-captures/";

    /** Captures this project took from a live POC the same way, of what the shared ones lack. */
    public static final String LIVE_CAPTURES = "/live-captures/";

    /** Subcommand key for calls without {@code job <subcommand>} and for "any subcommand". */
    public static final String ANY = "_any";

    private final Path root;
    private final Map<String, Integer> scripted = new LinkedHashMap<>();

    private FakeNvflare(Path root) {
        this.root = root;
    }

    /** Writes the fake executable into {@code dir} (which must exist and be private to the test). */
    public static FakeNvflare install(Path dir) throws IOException {
        assumeScriptsRun();
        FakeNvflare fake = new FakeNvflare(dir.toAbsolutePath());
        Files.createDirectories(fake.root.resolve("calls"));
        Files.createDirectories(fake.root.resolve("responses"));
        Path exe = fake.executable();
        Files.writeString(exe, script(fake.root), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    /**
     * Skips the calling test where an executable bash script cannot be made: a file system without POSIX modes
     * (Windows) can neither mark it executable nor start it by its {@code #!} line.
     */
    public static void assumeScriptsRun() {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "needs an executable bash script (#!), which this file system cannot make");
    }

    /** The executable to configure as {@code nvflare}. */
    public Path executable() {
        return root.resolve("nvflare");
    }

    /** Appends a response to the sequence for {@code job <subcommand>} ({@link #ANY} for any). */
    public FakeNvflare respond(String subcommand, Response response) {
        int index = scripted.merge(subcommand, 1, Integer::sum) - 1;
        Path dir = root.resolve("responses").resolve(subcommand).resolve("r" + index);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("stdout"), response.stdout());
            Files.write(dir.resolve("stderr"), response.stderr());
            Files.writeString(dir.resolve("rc"), Integer.toString(response.exitCode()));
            Files.writeString(dir.resolve("mode"), response.mode().name().toLowerCase(java.util.Locale.ROOT));
            Files.writeString(dir.resolve("delay"), seconds(response.lineDelay()));
            if (response.ackDir() != null) {
                Files.writeString(
                        dir.resolve("ackdir"),
                        response.ackDir().toAbsolutePath().toString());
                Files.writeString(
                        dir.resolve("acktimeout"),
                        Long.toString(Math.max(1, response.ackTimeout().toSeconds())));
            }
            if (response.hangAtEnd()) {
                Files.writeString(dir.resolve("hang"), "1");
            }
            Files.writeString(
                    root.resolve("responses").resolve(subcommand).resolve("total"), Integer.toString(index + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Scripts a capture for the subcommand it was taken with (read from its {@code .cmd}). */
    public FakeNvflare replay(String captureName) {
        return respond(subcommandOf(captureName), Response.capture(captureName));
    }

    /** The argv (without the executable) of every call so far, in order. */
    public List<List<String>> calls() {
        List<List<String>> calls = new ArrayList<>();
        for (int i = 0; Files.exists(callFile(i, "")); i++) {
            calls.add(call(i));
        }
        return calls;
    }

    /** The argv (without the executable) of call {@code i}. */
    public List<String> call(int i) {
        try {
            String raw = Files.readString(callFile(i, ""), StandardCharsets.UTF_8);
            if (raw.isEmpty()) {
                return List.of();
            }
            return List.of(raw.substring(0, raw.length() - 1).split("\0", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argv (without the executable) of the last call. */
    public List<String> lastCall() {
        List<List<String>> calls = calls();
        if (calls.isEmpty()) {
            throw new IllegalStateException("the fake nvflare was never called");
        }
        return calls.get(calls.size() - 1);
    }

    /** The working directory of call {@code i}. */
    public String workingDirectory(int i) {
        return read(callFile(i, ".cwd")).strip();
    }

    /** The environment of call {@code i} as {@code NAME=value} lines. */
    public List<String> environment(int i) {
        return read(callFile(i, ".env")).lines().toList();
    }

    /** The pid of the fake process of call {@code i}. */
    public long pid(int i) {
        return Long.parseLong(read(callFile(i, ".pid")).strip());
    }

    /** Pids of the children a hanging call started (they must die with it). */
    public List<Long> childPids(int i) {
        Path file = callFile(i, ".children");
        return Files.exists(file)
                ? read(file).lines().map(String::strip).map(Long::parseLong).toList()
                : List.of();
    }

    /**
     * What every later call does on SIGTERM: record it ({@link #terminated}) and exit 143 without cleaning up, as
     * Python does by default, or record it and keep running (a hang then lasts until SIGKILL).
     */
    public FakeNvflare onTerm(Term behaviour) {
        write(root.resolve("on-term"), behaviour.name().toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    /**
     * Makes every later call copy a job into a fresh folder of its temporary folder first ({@code mktemp -d}, which
     * honours {@code TMPDIR}), as {@code nvflare job submit} does, and leave it there, as a process stopped
     * before its {@code finally} does.
     */
    public FakeNvflare copyJobToTemp() {
        write(root.resolve("temp-copy"), "1");
        return this;
    }

    /** Whether call {@code i} received SIGTERM. */
    public boolean terminated(int i) {
        return Files.exists(callFile(i, ".term"));
    }

    /** The folder call {@code i} copied its job into ({@link #copyJobToTemp}), if it got that far. */
    public Optional<Path> tempCopy(int i) {
        Path file = callFile(i, ".tmpcopy");
        return Files.exists(file) ? Optional.of(Path.of(read(file).strip())) : Optional.empty();
    }

    /** What a fake process does on SIGTERM ({@link #onTerm}). */
    public enum Term {
        /** Records it and exits 143 at once. */
        EXIT,
        /** Records it and goes on. */
        IGNORE
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a streamed response gave up waiting for an acknowledgement (a consumer that buffers). */
    public Optional<String> ackTimeout() {
        Path file = root.resolve("ack-timeout");
        return Files.exists(file) ? Optional.of(read(file).strip()) : Optional.empty();
    }

    private Path callFile(int i, String suffix) {
        return root.resolve("calls").resolve(i + suffix);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code job} subcommand recorded in a capture's {@code .cmd} file, or {@link #ANY}. */
    public static String subcommandOf(String captureName) {
        String cmd = new String(resource(captureName + ".cmd"), StandardCharsets.UTF_8);
        List<String> words =
                Arrays.asList(cmd.lines().findFirst().orElse("").trim().split("\\s+"));
        int job = words.indexOf("job");
        return job >= 0 && job + 1 < words.size() ? words.get(job + 1) : ANY;
    }

    /**
     * A capture file's bytes from the test classpath: one of the shared captures, or one this project took live
     * the same way ({@value #LIVE_CAPTURES}, see its README).
     */
    public static byte[] resource(String fileName) {
        try (InputStream shared = FakeNvflare.class.getResourceAsStream(CAPTURES + fileName);
                InputStream in =
                        shared != null ? shared : FakeNvflare.class.getResourceAsStream(LIVE_CAPTURES + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no capture file " + fileName + " in " + CAPTURES + " or " + LIVE_CAPTURES);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** How a response writes its stdout. */
    public enum Mode {
        /** All at once. */
        PLAIN,
        /** Line by line, with a delay or an acknowledgement after each line. */
        LINES
    }

    /**
     * One scripted response.
     *
     * @param stdout bytes written to stdout
     * @param stderr bytes written to stderr (before stdout)
     * @param exitCode the exit code
     * @param mode all at once or line by line
     * @param lineDelay pause after each line in {@link Mode#LINES}
     * @param ackDir in {@link Mode#LINES}: after writing line i (0-based) wait until file {@code ackDir/i} exists
     * @param ackTimeout give up (exit 98, see {@link #ackTimeout()}) when an acknowledgement does not come
     * @param hangAtEnd after the output, start a child that sleeps and wait for it (until killed)
     */
    public record Response(
            byte[] stdout,
            byte[] stderr,
            int exitCode,
            Mode mode,
            Duration lineDelay,
            Path ackDir,
            Duration ackTimeout,
            boolean hangAtEnd) {

        public Response {
            stdout = stdout == null ? new byte[0] : stdout.clone();
            stderr = stderr == null ? new byte[0] : stderr.clone();
            mode = mode == null ? Mode.PLAIN : mode;
            lineDelay = lineDelay == null ? Duration.ZERO : lineDelay;
            ackTimeout = ackTimeout == null ? Duration.ofSeconds(5) : ackTimeout;
        }

        public static Response of(String stdout, String stderr, int exitCode) {
            return new Response(
                    stdout.getBytes(StandardCharsets.UTF_8),
                    stderr.getBytes(StandardCharsets.UTF_8),
                    exitCode,
                    Mode.PLAIN,
                    null,
                    null,
                    null,
                    false);
        }

        /** A real capture: {@code NAME.stdout}, {@code NAME.stderr} and the exit code from line 1 of {@code NAME.rc}. */
        public static Response capture(String name) {
            String rc = new String(resource(name + ".rc"), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("0");
            return new Response(
                    resource(name + ".stdout"),
                    resource(name + ".stderr"),
                    Integer.parseInt(rc.trim()),
                    Mode.PLAIN,
                    null,
                    null,
                    null,
                    false);
        }

        /** Lines written one by one with {@code delay} after each. */
        public static Response lines(List<String> lines, Duration delay, int exitCode) {
            return new Response(joinLines(lines), new byte[0], exitCode, Mode.LINES, delay, null, null, false);
        }

        /** The same output, written line by line with {@code delay} after each line. */
        public Response streamed(Duration delay) {
            return new Response(stdout, stderr, exitCode, Mode.LINES, delay, ackDir, ackTimeout, hangAtEnd);
        }

        /** The same output, line by line, each line waiting for {@code ackDir/<index>} for at most {@code timeout}. */
        public Response acknowledged(Path dir, Duration timeout) {
            return new Response(stdout, stderr, exitCode, Mode.LINES, lineDelay, dir, timeout, hangAtEnd);
        }

        /** The same output, then hang (a sleeping child) until killed. */
        public Response thenHang() {
            return new Response(stdout, stderr, exitCode, mode, lineDelay, ackDir, ackTimeout, true);
        }

        private static byte[] joinLines(List<String> lines) {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String script(Path root) {
        String quotedRoot = "'" + root.toString().replace("'", "'\\''") + "'";
        return String.join(
                "\n",
                "#!/usr/bin/env bash",
                "# Fake nvflare written by FakeNvflare (tests only): replays scripted responses.",
                "root=" + quotedRoot,
                "# claim the next call number with an atomic mkdir, starting at the hint the last call left (no process per try)",
                "n=0; read -r n 2>/dev/null < \"$root/calls/next\"; [[ $n =~ ^[0-9]+$ ]] || n=0",
                "while ! mkdir \"$root/calls/$n.lock\" 2>/dev/null; do n=$((n+1)); done",
                "echo $((n+1)) > \"$root/calls/next\"",
                "printf '%s\\0' \"$@\" > \"$root/calls/$n.tmp\"",
                "pwd > \"$root/calls/$n.cwd\"; env > \"$root/calls/$n.env\"; echo $$ > \"$root/calls/$n.pid\"",
                "mv \"$root/calls/$n.tmp\" \"$root/calls/$n\"",
                "onterm=; [ -f \"$root/on-term\" ] && onterm=$(cat \"$root/on-term\")",
                "if [ \"$onterm\" = exit ]; then trap 'echo TERM > \"$root/calls/$n.term\"; exit 143' TERM; fi",
                "if [ \"$onterm\" = ignore ]; then trap 'echo TERM > \"$root/calls/$n.term\"' TERM; fi",
                "if [ -f \"$root/temp-copy\" ]; then",
                "  t=$(mktemp -d) && head -c 65536 /dev/zero > \"$t/job.zip\" && echo \"$t\" > \"$root/calls/$n.tmpcopy\"",
                "fi",
                "sub=" + ANY + "; prev=",
                "for a in \"$@\"; do if [ \"$prev\" = job ] && [ \"$sub\" = " + ANY
                        + " ]; then sub=$a; fi; prev=$a; done",
                "dir=\"$root/responses/$sub\"; [ -d \"$dir\" ] || dir=\"$root/responses/" + ANY + "\"",
                "if [ ! -d \"$dir\" ]; then echo \"fake nvflare: no response scripted for '$sub'\" >&2; exit 97; fi",
                "# each call claims the next response the same way: calls may run at once (parallel branches)",
                "k=0; read -r k 2>/dev/null < \"$dir/next\"; [[ $k =~ ^[0-9]+$ ]] || k=0",
                "while ! mkdir \"$dir/taken.$k\" 2>/dev/null; do k=$((k+1)); done",
                "echo $((k+1)) > \"$dir/next\"",
                "total=$(cat \"$dir/total\"); [ $k -ge $total ] && k=$((total-1))",
                "r=\"$dir/r$k\"",
                "cat \"$r/stderr\" >&2",
                "if [ \"$(cat \"$r/mode\")\" = lines ]; then",
                "  delay=$(cat \"$r/delay\")",
                "  # read -t on a fifo nobody writes is a sleep without forking a process",
                "  fifo=\"$root/calls/$n.fifo\"; mkfifo \"$fifo\"; exec 9<>\"$fifo\"",
                "  ackdir=; [ -f \"$r/ackdir\" ] && ackdir=$(cat \"$r/ackdir\") && acktimeout=$(cat \"$r/acktimeout\")",
                "  i=0",
                "  while IFS= read -r line || [ -n \"$line\" ]; do",
                "    printf '%s\\n' \"$line\"",
                "    if [ -n \"$ackdir\" ]; then",
                "      start=$SECONDS",
                "      while [ ! -e \"$ackdir/$i\" ]; do",
                "        if [ $((SECONDS - start)) -gt \"$acktimeout\" ]; then",
                "          echo \"no acknowledgement for line $i\" > \"$root/ack-timeout\"; exit 98",
                "        fi",
                "        read -t 0.001 -u 9 _",
                "      done",
                "    fi",
                "    [ \"$delay\" != 0 ] && read -t \"$delay\" -u 9 _",
                "    i=$((i+1))",
                "  done < \"$r/stdout\"",
                "else",
                "  cat \"$r/stdout\"",
                "fi",
                "if [ -f \"$r/hang\" ]; then",
                "  sleep 300 & echo $! >> \"$root/calls/$n.children\"; wait",
                "  # a process that ignores SIGTERM: only SIGKILL ends it",
                "  if [ \"$onterm\" = ignore ]; then while :; do sleep 1; done; fi",
                "fi",
                "exit $(cat \"$r/rc\")",
                "");
    }
}
