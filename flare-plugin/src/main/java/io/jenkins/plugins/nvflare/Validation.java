package io.jenkins.plugins.nvflare;

import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.job.LogLevels;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
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

    public static FormValidation required(String value, String what) {
        return Util.fixEmptyAndTrim(value) == null
                ? FormValidation.error(Messages.Validation_required(what))
                : FormValidation.ok();
    }

    public static FormValidation logLevel(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.error(Messages.Validation_levelRequired());
        }
        if (v.contains("$") || LogLevels.known(v)) {
            return FormValidation.ok();
        }
        return FormValidation.warning(Messages.Validation_unknownLevel());
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
