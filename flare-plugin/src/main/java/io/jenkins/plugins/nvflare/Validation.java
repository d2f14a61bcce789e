package io.jenkins.plugins.nvflare;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.job.LogLevels;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;

/** Form checks shared by steps, builders and the global configuration. */
final class Validation {

    private Validation() {}

    static FormValidation positiveNumber(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            return Double.parseDouble(v) > 0 ? FormValidation.ok() : FormValidation.error("Must be greater than 0.");
        } catch (NumberFormatException e) {
            return FormValidation.error("Not a number.");
        }
    }

    static FormValidation nonNegativeInteger(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            return Long.parseLong(v) >= 0 ? FormValidation.ok() : FormValidation.error("Must be 0 or more.");
        } catch (NumberFormatException e) {
            return FormValidation.error("Not a whole number.");
        }
    }

    /** A whole number of {@code unit}s, at least 1 (empty keeps the default). */
    static FormValidation atLeastOne(String value, String unit) {
        FormValidation v = nonNegativeInteger(value);
        String trimmed = Util.fixEmptyAndTrim(value);
        return v.kind == FormValidation.Kind.OK && trimmed != null && Long.parseLong(trimmed) < 1
                ? FormValidation.error("Must be at least 1 " + unit + ".")
                : v;
    }

    static FormValidation required(String value, String what) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(what + " is required.") : FormValidation.ok();
    }

    static FormValidation logLevel(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.error("The level is required.");
        }
        if (v.contains("$") || LogLevels.known(v)) {
            return FormValidation.ok();
        }
        return FormValidation.warning("FLARE takes DEBUG, INFO, WARNING, ERROR, CRITICAL (any case), a number 0-50 or a mode:"
                + " concise, msg_only, full, verbose, reload. It refuses others only when the running job applies them.");
    }

    static FormValidation submitToken(String value) {
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return FormValidation.ok("Derived from the build (job, build number, step), so a restarted step finds its job.");
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
