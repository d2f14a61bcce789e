package io.jenkins.plugins.nvflare.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a JSON file the user wrote (a job's meta.json, a kit's fed_admin.json) in plain terms:
 * where, and the parser's reason without its internals (source descriptions, character codes, start markers).
 */
public final class JsonProblems {
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source:[^\\]]*\\][^)\\n]*");
    private static final Pattern CHAR_CODE = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final int MAX_REASON = 200;

    private JsonProblems() {}

    /** e.g. "is not valid JSON: unexpected character ',': was expecting double-quote to start field name (line 2, column 19)" */
    public static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null
                ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("");
        if (reason.startsWith("Unexpected end-of-input")) {
            reason = "it ends before the JSON value is complete";
        } else {
            reason = START_MARKER.matcher(reason).replaceAll("");
            reason = SOURCE.matcher(reason).replaceAll("");
            reason = CHAR_CODE.matcher(reason).replaceAll("'$1'");
            reason = reason.replace("Unexpected character", "unexpected character");
        }
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "is not valid JSON: " + reason + where;
    }
}
