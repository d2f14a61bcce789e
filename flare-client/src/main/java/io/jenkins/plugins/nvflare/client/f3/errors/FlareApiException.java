package io.jenkins.plugins.nvflare.client.f3.errors;

import java.util.Map;

/**
 * What flare_api's {@code Session._do_command} would raise for a reply (api_spec.py exception classes):
 * the class as {@link Kind} and Python's {@code str(e)} as the message. {@link CliErrors} turns it into
 * the FlareException the {@code nvflare job} CLI prints for the same case.
 */
public final class FlareApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** api_spec.py classes (and the builtins _do_command raises), by name. */
    public enum Kind {
        INVALID_JOB_DEFINITION,
        SUBMIT_TOKEN_CONFLICT,
        SUBMIT_TOKEN_JOB_DELETED,
        AUTHORIZATION,
        AUTHENTICATION,
        INTERNAL,
        JOB_NOT_FOUND,
        JOB_NOT_DONE,
        JOB_NOT_RUNNING,
        CLIENTS_STILL_RUNNING,
        NO_CLIENTS,
        INVALID_TARGET,
        NO_REPLY,
        NO_CONNECTION,
        SESSION_CLOSED,
        /** Python's RuntimeError for an API status without a dedicated exception. */
        RUNTIME
    }

    private final Kind kind;
    private final transient Map<String, Object> meta;

    public FlareApiException(Kind kind, String message) {
        this(kind, message, Map.of());
    }

    public FlareApiException(Kind kind, String message, Map<String, Object> meta) {
        super(message);
        this.kind = kind;
        this.meta = meta == null ? Map.of() : meta;
    }

    public Kind kind() {
        return kind;
    }

    /** The reply's meta (for submit-token errors: job_id, submit_record_state, deleted_time). */
    Map<String, Object> meta() {
        return meta;
    }
}
