package io.jenkins.plugins.nvflare.client.f3.errors;

import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException.Kind;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flare_api.py {@code Session._do_command} (:230-328 at the captured commit): first {@code meta.status}
 * (:250-296; proto.py MetaStatusValue, fl_constant.py:19,23 for the submit-token values), then the API
 * status (:300-325) that client/api.py {@code _determine_api_status} (api.py:983-1013) derives from the
 * reply items. Messages are the Python exceptions' texts, because the CLI prints them as details.
 */
public final class ReplyCheck {
    private static final String NO_CLIENTS = "no clients available"; // proto.py ReplyKeyword.NO_CLIENTS

    private ReplyCheck() {}

    /** Throws what _do_command raises for this reply; returns normally when it returns the result. */
    public static void check(String command, HciReply reply, boolean enforceMeta) throws FlareApiException {
        Map<String, Object> meta = reply.meta();
        if (!meta.isEmpty()) {
            checkMetaStatus(command, meta);
        }
        String apiStatus = apiStatus(reply);
        switch (apiStatus) {
            case "SUCCESS" -> {}
            case "ERROR_AUTHORIZATION" ->
                throw new FlareApiException(Kind.AUTHORIZATION, "user not authorized for the action '" + command + "'");
            case "ERROR_INACTIVE_SESSION" ->
                throw new FlareApiException(Kind.SESSION_CLOSED, "the session is closed on server");
            case "ERROR_SERVER_CONNECTION" -> throw noConnection();
            // RuntimeError(f"runtime error encountered: {status}: {details}"); server replies carry no details.
            default -> throw new FlareApiException(Kind.RUNTIME, "runtime error encountered: " + apiStatus + ": ");
        }
        if (enforceMeta && meta.isEmpty()) {
            throw new FlareApiException(Kind.INTERNAL, "missing meta from result");
        }
    }

    /** NoConnection for a server that did not answer (api.py:975 "Server did not respond", flare_api.py:289-291). */
    public static FlareApiException noConnection() {
        return new FlareApiException(Kind.NO_CONNECTION, "cannot connect to server: ERROR_SERVER_CONNECTION");
    }

    private static void checkMetaStatus(String command, Map<String, Object> meta) throws FlareApiException {
        Object rawStatus = meta.getOrDefault("status", "ok");
        String status = py(rawStatus);
        String info = py(meta.getOrDefault("info", ""));
        switch (status) {
            case "ok" -> {}
            case "invalid_job_def" ->
                throw new FlareApiException(Kind.INVALID_JOB_DEFINITION, "invalid job definition: " + info);
            case "submit_token_conflict" ->
                throw new FlareApiException(
                        Kind.SUBMIT_TOKEN_CONFLICT,
                        info.isEmpty() ? "submit token was already used for different job content" : info,
                        meta);
            case "submit_token_job_deleted" ->
                throw new FlareApiException(
                        Kind.SUBMIT_TOKEN_JOB_DELETED,
                        info.isEmpty() ? "submit token refers to a deleted job" : info,
                        meta);
            case "not_authorized" ->
                throw new FlareApiException(
                        Kind.AUTHORIZATION, "user not authorized for the action '" + command + ": " + info + "'");
            case "not_authenticated" ->
                throw new FlareApiException(Kind.AUTHENTICATION, "user not authenticated: " + info);
            case "syntax_error" -> throw new FlareApiException(Kind.INTERNAL, "syntax error: " + info);
            case "invalid_job_id" -> throw new FlareApiException(Kind.JOB_NOT_FOUND, "no such job: " + info);
            case "job_running" -> throw new FlareApiException(Kind.JOB_NOT_DONE, "job " + info + " is still running");
            case "job_not_running" ->
                throw new FlareApiException(Kind.JOB_NOT_RUNNING, "job " + info + " is not running");
            case "clients_running" ->
                throw new FlareApiException(Kind.CLIENTS_STILL_RUNNING, "one or more clients are still running");
            case "no_clients" -> throw new FlareApiException(Kind.NO_CLIENTS, NO_CLIENTS);
            case "internal_error" -> throw new FlareApiException(Kind.INTERNAL, "server internal error: " + info);
            case "invalid_target" ->
                throw NO_CLIENTS.equals(info)
                        ? new FlareApiException(Kind.NO_CLIENTS, NO_CLIENTS)
                        : new FlareApiException(Kind.INVALID_TARGET, info);
            case "no_reply" -> throw new FlareApiException(Kind.NO_REPLY, info);
            default -> throw new FlareApiException(Kind.INTERNAL, status + ": " + info);
        }
    }

    /**
     * Whether flare_api would raise {@code SessionClosed} for this reply: the server ended the session (idle
     * timeout, restart) and did not run the command ({@code session_inactive}, login.py / sess.py).
     */
    public static boolean sessionClosed(HciReply reply) {
        return reply.status().map("ok"::equals).orElse(true) && "ERROR_INACTIVE_SESSION".equals(apiStatus(reply));
    }

    /** api.py _determine_api_status for a server reply (which never carries its own status). */
    static String apiStatus(HciReply reply) {
        if (reply.items().isEmpty()) {
            return "ERROR_RUNTIME";
        }
        List<String> texts = new ArrayList<>();
        for (HciReply.Item item : reply.items()) {
            if (item.type().equals("success")) {
                return "SUCCESS";
            }
            if (item.type().equals("string") || item.type().equals("error")) {
                texts.add(py(item.data()));
            }
        }
        String all = String.join("\n", texts);
        if (all.contains("session_inactive")) {
            return "ERROR_INACTIVE_SESSION";
        }
        if (all.contains("wrong server") || all.contains("Failed to communicate")) {
            return "ERROR_SERVER_CONNECTION";
        }
        if (all.contains("invalid client") || all.contains("unknown site")) {
            return "ERROR_INVALID_CLIENT";
        }
        if (all.contains("not authorized")) {
            return "ERROR_AUTHORIZATION";
        }
        return "SUCCESS";
    }

    /** Python's str() for the JSON values a reply holds. */
    public static String py(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }
}
