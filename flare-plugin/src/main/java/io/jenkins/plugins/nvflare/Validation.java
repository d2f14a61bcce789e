package io.jenkins.plugins.nvflare;

import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.job.LogLevels;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.util.function.Function;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/** Form checks shared by steps, builders and the global configuration. */
public final class Validation {

    private Validation() {}

    /**
     * A form check's verdict for the current user: {@code check}'s for who may configure the job the form belongs to,
     * or an administrator outside a job (the global configuration); an empty OK for anyone else. Every check is also
     * {@code @POST}: the forms send them so, and a link cannot make a user's browser run one.
     */
    public static FormValidation forConfigurers(Item item, Supplier<FormValidation> check) {
        boolean may =
                item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        return may ? check.get() : FormValidation.ok();
    }

    public static FormValidation positiveNumber(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            return Double.parseDouble(v) > 0
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.Validation_positive());
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Validation_notANumber());
        }
    }

    public static FormValidation nonNegativeInteger(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            return Long.parseLong(v) >= 0
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.Validation_nonNegative());
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Validation_notAWholeNumber());
        }
    }

    /** A whole number of {@code unit}s, at least 1 (empty keeps the default). */
    public static FormValidation atLeastOne(String value, String unit) {
        FormValidation v = nonNegativeInteger(value);
        String trimmed = Util.fixEmptyAndTrim(value);
        return v.kind == FormValidation.Kind.OK && trimmed != null && Long.parseLong(trimmed) < 1
                ? FormValidation.error(Messages.Validation_atLeastOne(unit))
                : v;
    }

    /**
     * A level for {@code flareLogLevel}. Empty is no error here: a form shows none before the user typed anything
     * (the step says at run time that it needs one).
     */
    public static FormValidation logLevel(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null || v.contains("$") || LogLevels.known(v)) {
            return FormValidation.ok();
        }
        return FormValidation.warning(Messages.Validation_unknownLevel());
    }

    /** {@code since} of the logs steps ({@link FieldRules#since}). */
    public static FormValidation since(String value) {
        return error(value, FieldRules::since);
    }

    /** A logs, stats or log-level site ({@link FieldRules#site}). */
    public static FormValidation site(String value) {
        return error(value, FieldRules::site);
    }

    /** A path a step writes to, {@code what} naming it ({@link FieldRules#workspacePath}). */
    public static FormValidation workspacePath(String value, String what) {
        return error(value, v -> FieldRules.workspacePath(v, what));
    }

    /** The {@code nvflare} executable ({@link FieldRules#executable}): a warning, as a path may hold spaces. */
    public static FormValidation executable(String value) {
        String v = Util.fixEmptyAndTrim(value);
        String problem = v == null || v.contains("$") ? null : FieldRules.executable(v);
        return problem == null ? FormValidation.ok() : FormValidation.warning(problem);
    }

    /**
     * {@code rule}'s verdict on a value as an error; empty is fine (the default), and so is a value with
     * {@code $}, which the build's environment expands at run time.
     */
    private static FormValidation error(String value, Function<String, String> rule) {
        String v = Util.fixEmptyAndTrim(value);
        String problem = v == null || v.contains("$") ? null : rule.apply(v);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    public static FormValidation submitToken(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok(Messages.Validation_derivedToken());
        }
        if (v.contains("$")) {
            return FormValidation.ok();
        }
        try {
            SubmitTokens.validate(v);
            return FormValidation.ok();
        } catch (FlareException e) {
            return FormValidation.error(e.getMessage() + " " + e.hint());
        }
    }
}
