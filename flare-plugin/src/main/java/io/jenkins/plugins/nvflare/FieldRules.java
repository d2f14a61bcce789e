package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.job.LogSince;
import io.jenkins.plugins.nvflare.client.job.SiteNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The rules for a step's fields that hold without FLARE, in one place for the forms ({@link Validation}) and the run
 * time (the agent calls): each returns what is wrong with a value, or null when nothing is. The timestamp, site-name
 * and executable rules are flare-client's (the native transport applies the same to {@code since}; FLARE refuses
 * other site names).
 */
public final class FieldRules {

    private FieldRules() {}

    /** {@code since} of {@code flareLogs}: a timestamp FLARE reads ({@link LogSince}); null for none. */
    public static String since(String value) {
        return value == null || LogSince.valid(value) ? null : Messages.FieldRules_since();
    }

    /** A logs, stats or log-level site: {@code server}, {@code all} or a name FLARE allows; null for none. */
    public static String site(String value) {
        return value == null || SiteNames.valid(value) ? null : Messages.FieldRules_site();
    }

    /**
     * A path a step writes to, {@code what} naming it: relative to the workspace and staying in it by its text
     * ({@code ..} included). The run time also follows symbolic links, which only the agent can see.
     */
    public static String workspacePath(String value, String what) {
        if (value == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            return Messages.FieldRules_outsidePath(what, value);
        }
        // "/x" on Windows is not absolute to Path, yet leaves the workspace all the same.
        if (path.isAbsolute() || value.startsWith("/") || value.startsWith("\\") || path.getRoot() != null) {
            return Messages.FieldRules_absolutePath(what, value);
        }
        Path normal = path.normalize();
        if (normal.startsWith("..")) {
            return Messages.FieldRules_outsidePath(what, value);
        }
        return null;
    }

    /**
     * The run time's side of a rule: {@code value} unless {@code problem} (the rule's verdict on it) says what is
     * wrong, {@code what} naming the option.
     *
     * @throws FlareException INVALID_ARGS with the rule's text as the hint, before anything is sent to FLARE
     */
    public static String require(String value, String problem, String what) throws FlareException {
        if (problem != null) {
            throw FlareException.local(ErrorCodes.INVALID_ARGS, Messages.FieldRules_invalid(what, value), problem);
        }
        return value;
    }

    /** The {@code nvflare} executable: one file, no arguments ({@link CliConfig#looksLikeCommandLine}). */
    public static String executable(String value) {
        return CliConfig.looksLikeCommandLine(value) ? Messages.FieldRules_executable() : null;
    }
}
