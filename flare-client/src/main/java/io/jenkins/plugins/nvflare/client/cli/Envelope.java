package io.jenkins.plugins.nvflare.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's machine contract: one JSON envelope ({@code --format json}) or JSON lines
 * ({@code --format jsonl}), all with {@code schema_version} "1"; errors carry {@code error_code},
 * {@code message}, {@code hint} and optional {@code data}.
 */
final class Envelope {
    static final String SCHEMA_VERSION = "1";
    private static final int QUOTE_LIMIT = 300;

    private Envelope() {}

    /** The {@code data} of an ok envelope (a NullNode when absent); throws the error of an error envelope. */
    static JsonNode data(String stdout, int exitCode, String stderrTail, String command) throws FlareException {
        if (stdout.isBlank()) {
            throw invalid(command + " printed nothing (exit code " + exitCode + ").", exitCode, stderrTail);
        }
        JsonNode root = parseObject(stdout.strip(), exitCode, stderrTail, command);
        throwIfError(root, exitCode);
        String status = Json.text(root, "status");
        if (!"ok".equals(status)) {
            throw invalid(command + " printed a result with unknown status '" + status + "'.", exitCode, stderrTail);
        }
        JsonNode data = root.get("data");
        return data == null ? NullNode.getInstance() : data;
    }

    /** One JSON line of a stream, checked for the schema version. */
    static JsonNode line(String line, String stderrTail, String command) throws FlareException {
        return parseObject(line.strip(), ExitCodes.LOCAL, stderrTail, command);
    }

    /** Throws the FlareException an error envelope (or error event) describes; does nothing for others. */
    static void throwIfError(JsonNode root, int processExitCode) throws FlareException {
        if (!"error".equals(Json.text(root, "status"))) {
            return;
        }
        JsonNode exit = root.get("exit_code");
        int exitCode = exit != null && exit.canConvertToInt() ? exit.asInt() : processExitCode;
        String code = Json.text(root, "error_code");
        throw new FlareException(
                code == null ? ErrorCodes.INTERNAL_ERROR : code,
                String.valueOf(Json.text(root, "message")),
                Json.text(root, "hint"),
                exitCode,
                Json.map(root.get("data")));
    }

    private static JsonNode parseObject(String text, int exitCode, String stderrTail, String command)
            throws FlareException {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw invalid(
                    command + " printed output that is not the JSON contract"
                            + (exitCode == ExitCodes.LOCAL ? "" : " (exit code " + exitCode + ")") + ": "
                            + quote(text),
                    exitCode,
                    stderrTail);
        }
        String version = Json.text(root, "schema_version");
        if (!SCHEMA_VERSION.equals(version)) {
            throw invalid(
                    command + " printed schema_version '" + version + "'; this plugin understands '" + SCHEMA_VERSION
                            + "'.",
                    exitCode,
                    stderrTail);
        }
        return root;
    }

    private static String quote(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
    }

    static FlareException invalid(String message, int exitCode, String stderrTail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exit_code", exitCode);
        data.put("stderr_tail", stderrTail);
        return new FlareException(
                ErrorCodes.CLI_OUTPUT_INVALID,
                message + (stderrTail.isEmpty() ? " stderr was empty." : "\nstderr (last lines):\n" + stderrTail),
                "Check that the agent's nvflare is a version with the '--format json' contract" + " (schema_version "
                        + SCHEMA_VERSION + ") and that it runs on this agent.",
                ExitCodes.LOCAL,
                data);
    }
}
