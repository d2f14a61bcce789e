package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Submit tokens make {@code nvflare job submit} retry-safe: the server answers a repeated token
 * (same study, submitter and content) with the job it already created. Deriving the token from
 * the build identity means a restarted or replayed step finds its job instead of starting another.
 */
public final class SubmitTokens {

    /** The alphabet FLARE accepts ({@code nvflare/apis/utils/job_submit_token.py} SUBMIT_TOKEN_PATTERN). */
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    /** job_submit_token.py SUBMIT_TOKEN_ERROR: what the CLI says about a token it refuses. */
    public static final String CLI_ERROR =
            "submit_token must be non-empty, at most 128 characters, and match ^[A-Za-z0-9._:-]{1,128}$";

    /**
     * The largest job file the server hashes for a submit token (job_submit_token.py
     * {@code _MAX_HASH_ZIP_MEMBER_SIZE}, 10 MiB). With a token, a job holding a larger file is refused after the
     * upload: {@code INTERNAL_ERROR}, exit 5, "exception &lt;class 'ValueError'&gt; occurred" (live capture 188).
     */
    public static final long MAX_HASHED_FILE = 10L * 1024 * 1024;

    /** The files the server leaves out of the hash (job_submit_token.py {@code _VOLATILE_SUBMIT_ARTIFACTS}). */
    private static final Set<String> NOT_HASHED = Set.of(".__nvfl_sig.json", ".__nvfl_submitter.crt");

    private static final int NAME_LIMIT = 60;

    /**
     * A job file too large for a submit token.
     *
     * @param path relative to the submitted job folder, with {@code /}
     */
    public record LargeFile(String path, long bytes) {
        /** For messages: {@code app/custom/blob.bin has 200.0 MiB}. */
        public String describe() {
            return String.format(Locale.ROOT, "%s has %.1f MiB", path, bytes / 1048576.0);
        }
    }

    private SubmitTokens() {}

    /**
     * A stable token for one submit step of one build: a readable prefix (job name, build number)
     * plus a hash of the exact identity, so jobs whose names sanitise alike never share a token.
     */
    public static String forBuild(String jobFullName, int buildNumber, String stepId) {
        String name = jobFullName == null ? "" : jobFullName;
        String step = stepId == null ? "" : stepId;
        String readable = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > NAME_LIMIT) {
            readable = readable.substring(0, NAME_LIMIT);
        }
        String hash = sha256Hex(name + '\n' + buildNumber + '\n' + step).substring(0, 16);
        return "jenkins-" + readable + "-" + buildNumber + "-" + hash;
    }

    /**
     * Returns {@code token} if FLARE would accept it. Both transports check a submit token with this before they
     * read the job folder or connect: {@code nvflare job submit} refuses a bad one while parsing its arguments
     * (job_cli.py {@code _submit_token_arg}, the {@code type} of {@code --submit-token}), before any upload.
     *
     * @throws FlareException {@link ErrorCodes#INVALID_ARGS}, exit 4 (the CLI's argparse error), with the CLI's
     *     text ({@link #CLI_ERROR}) after the token
     */
    public static String validate(String token) throws FlareException {
        if (token == null || !PATTERN.matcher(token).matches()) {
            throw new FlareException(
                    ErrorCodes.INVALID_ARGS,
                    "Invalid submit token '" + token + "': " + CLI_ERROR,
                    "A submit token is 1 to 128 characters of letters, digits, '.', '_', ':' and '-'.",
                    ExitCodes.INVALID_ARGS,
                    null);
        }
        return token;
    }

    /**
     * The first file (by path) of the job, in the folder FLARE gets ({@link JobFolders#inspect}), that is larger than
     * {@link #MAX_HASHED_FILE}; empty when FLARE can hash every file for a submit token. Reads the sizes the job
     * folder's walk saw.
     */
    public static Optional<LargeFile> tooLargeToHash(JobFolder job) {
        return job.files().stream()
                .filter(f -> !NOT_HASHED.contains(f.name()))
                .filter(f -> f.size() > MAX_HASHED_FILE)
                .map(f -> new LargeFile(f.path(), f.size()))
                .min(Comparator.comparing(LargeFile::path));
    }

    /**
     * Refuses a submit with a token that the server would refuse after the upload (see {@link #MAX_HASHED_FILE}):
     * both transports call this before they upload, as for {@link #validate}.
     *
     * @throws FlareException {@link ErrorCodes#INTERNAL_ERROR}, exit 5 (what the CLI ends with after the upload),
     *     naming the file
     */
    public static void requireHashable(JobFolder job) throws FlareException {
        Optional<LargeFile> large = tooLargeToHash(job);
        if (large.isPresent()) {
            throw new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "FLARE cannot use a submit token for this job: "
                            + large.get().describe()
                            + ", and the server hashes job files of at most 10 MiB for submit tokens "
                            + "(it would refuse the job after the upload with \"exception <class 'ValueError'> occurred\").",
                    "Submit without a submit token, or keep files over 10 MiB out of the job folder (e.g. let the "
                            + "training fetch them).",
                    ExitCodes.INTERNAL_ERROR,
                    null);
        }
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
