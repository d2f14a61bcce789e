package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private static final int NAME_LIMIT = 60;

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
                    ExitCodes.INVALID_ARGS, null);
        }
        return token;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
