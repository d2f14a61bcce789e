package io.jenkins.plugins.nvflare.client.f3.grpc;

import java.io.IOException;

/**
 * The server answered the gRPC call with something other than FLARE's stream: an HTTP error, a response that is
 * not gRPC, or a gRPC status other than OK (e.g. {@code UNIMPLEMENTED} from a gRPC server without FLARE's
 * service). Tells "a server is there but it is not FLARE's grpc listener" apart from "no server".
 */
public final class GrpcStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    /** gRPC status names by code (grpc/status.h, the codes every gRPC implementation uses). */
    private static final String[] NAMES = {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED"
    };

    GrpcStatusException(String message) {
        super(message);
    }

    /** A gRPC status as a reader knows it: {@code UNIMPLEMENTED (12)}, with the server's grpc-message if any. */
    static String describe(int code, String message) {
        String name = code >= 0 && code < NAMES.length ? NAMES[code] : "status";
        return name + " (" + code + ")" + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
