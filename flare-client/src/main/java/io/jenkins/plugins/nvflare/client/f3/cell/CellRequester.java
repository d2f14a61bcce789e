package io.jenkins.plugins.nvflare.client.f3.cell;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Blocking request/reply to the root server over one {@link SfmConnection}: the admin client only ever
 * has one request in flight, so replies are matched by {@code cn__req_id} on the calling thread and
 * anything else that arrives meanwhile (late replies, server-initiated requests) is skipped.
 * The connection's read timeout bounds each call's whole wait for its reply (heartbeats do not extend it);
 * a reader thread with waiters comes with concurrent use.
 */
public final class CellRequester {
    private final SfmConnection conn;
    private final String self;
    private final Supplier<String> requestIds;
    private final DoubleSupplier clock;
    private final String server;

    /** A requester whose errors call the peer just "the FLARE server". */
    public CellRequester(SfmConnection conn, String self, Supplier<String> requestIds, DoubleSupplier clock) {
        this(conn, self, requestIds, clock, null);
    }

    /**
     * @param self this cell's FQCN ({@code _admin_<uuid4>})
     * @param requestIds fresh request ids (Python uses uuid4 strings)
     * @param clock seconds since the epoch, for {@code cn__send_time} and the route
     * @param server the server's {@code host:port}, for messages; null if unknown
     */
    public CellRequester(
            SfmConnection conn, String self, Supplier<String> requestIds, DoubleSupplier clock, String server) {
        this.conn = conn;
        this.self = self;
        this.requestIds = requestIds;
        this.clock = clock;
        this.server = server;
    }

    public String self() {
        return self;
    }

    /**
     * Sends a request to the server and returns its reply once {@code cn__return_code} is "ok".
     *
     * @throws FlareException CONNECTION_FAILED when the connection ends or the server answers with
     *     another return code (AUTH_FAILED for "unauthenticated" / "authentication_error")
     */
    public CellMessage call(String channel, String topic, Map<String, Object> headers, Object payload)
            throws IOException, FlareException {
        return call(CellHeaders.SERVER, channel, topic, headers, payload);
    }

    /**
     * As {@link #call(String, String, Map, Object)} but to {@code target}, which the server routes to when
     * it is not the server itself (the server is this cell's only neighbour, so it is always the next hop).
     */
    public CellMessage call(String target, String channel, String topic, Map<String, Object> headers, Object payload)
            throws IOException, FlareException {
        return checked(exchange(target, channel, topic, headers, payload), channel, topic);
    }

    /**
     * As {@link #call(String, String, String, Map, Object)}, but returns null when the request timed out: no reply
     * within the connection's read timeout, or a reply with return code {@code "timeout"} — what Python's
     * send_request returns as {@code ReturnCode.TIMEOUT} in both cases (core_cell.py:1533,1563-1575). Each call
     * has its own {@code cn__req_id}, so a reply to a timed-out request that arrives later is skipped.
     */
    public CellMessage callUnlessTimedOut(
            String target, String channel, String topic, Map<String, Object> headers, Object payload)
            throws IOException, FlareException {
        CellMessage reply;
        try {
            reply = exchange(target, channel, topic, headers, payload);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return CellHeaders.RC_TIMEOUT.equals(reply.returnCode()) ? null : checked(reply, channel, topic);
    }

    private CellMessage exchange(
            String target, String channel, String topic, Map<String, Object> headers, Object payload)
            throws IOException, FlareException {
        String reqId = requestIds.get();
        CellMessage request = addressed(
                CellMessage.request(self, target, channel, topic, reqId, clock.getAsDouble(), headers, payload));
        // The read timeout bounds the whole wait for this reply, not each frame: heartbeats and late replies
        // to other requests must not keep an unanswered request waiting forever.
        Duration limit = conn.readTimeout();
        long deadline = limit.isZero() ? 0 : System.nanoTime() + limit.toNanos();
        conn.send(request.toFrame(conn.nextStreamId(), 0));
        while (true) {
            SfmFrame frame = conn.receiveData(deadline);
            if (frame == null) {
                // The server went away (stopped, crashed or restarted) with this request unanswered: CONNECTION_FAILED,
                // as the CLI reports a command the server never answered (flare_api NoConnection).
                String who = server == null ? "The FLARE server" : "The FLARE server at " + server;
                throw SessionErrors.connectionFailed(
                        who + " closed the connection before answering " + channel + "/" + topic
                                + ": the server stopped or restarted, or dropped the connection.",
                        "Check that the FLARE server is running ('nvflare system status') and look at its log for the"
                                + " time of this request.");
            }
            CellMessage reply = CellMessage.fromFrame(frame);
            if (!CellHeaders.MSG_TYPE_REQ.equals(reply.header(CellHeaders.MSG_TYPE))
                    && reply.requestIds().contains(reqId)) {
                return reply;
            }
        }
    }

    /**
     * As {@link #call(String, String, Map, Object)} to the server, but waits at most {@code wait} for the reply
     * and returns null when none came in time (a reply that comes later is skipped like any late reply), unless
     * the thread was interrupted meanwhile: then the timeout is thrown, for {@link Interrupts} to report.
     */
    public CellMessage callWithin(
            Duration wait, String channel, String topic, Map<String, Object> headers, Object payload)
            throws IOException, FlareException {
        Duration previous = conn.readTimeout(wait);
        if (previous.compareTo(wait) < 0) {
            conn.readTimeout(previous); // never wait longer than the connection's own timeout
        }
        try {
            return call(channel, topic, headers, payload);
        } catch (SocketTimeoutException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // a tcp read ignores interrupts: the caller reports this one instead of asking again
            }
            return null;
        } finally {
            conn.readTimeout(previous);
        }
    }

    /**
     * Sends a one-way message, as CoreCell.fire_and_forget does (core_cell.py:1612-1636): a request
     * with {@code cn__reply_expected} false, which the receiver processes without answering.
     */
    public void fireAndForget(
            String target, String channel, String topic, Map<String, Object> headers, Object payload, boolean optional)
            throws IOException {
        CellMessage message = addressed(CellMessage.request(
                        self, target, channel, topic, requestIds.get(), clock.getAsDouble(), headers, payload))
                .withHeaders(Map.of(CellHeaders.REPLY_EXPECTED, false, CellHeaders.OPTIONAL, optional));
        conn.send(message.toFrame(conn.nextStreamId(), 0));
    }

    private static CellMessage addressed(CellMessage message) {
        return CellHeaders.SERVER.equals(message.header(CellHeaders.TO_CELL))
                ? message
                : message.withHeaders(Map.of(CellHeaders.TO_CELL, CellHeaders.SERVER));
    }

    private static CellMessage checked(CellMessage reply, String channel, String topic) throws FlareException {
        String rc = reply.returnCode();
        if (CellHeaders.RC_OK.equals(rc)) {
            return reply;
        }
        String error = reply.header(CellHeaders.ERROR);
        String message = "The FLARE server answered " + channel + "/" + topic + " with '" + rc + "'"
                + (error == null || error.isEmpty() ? "." : ": " + error);
        boolean auth = rc.equals("unauthenticated") || rc.equals("authentication_error");
        throw SessionErrors.failed(
                auth ? ErrorCodes.AUTH_FAILED : ErrorCodes.CONNECTION_FAILED,
                message,
                auth ? "Check that the kit belongs to this FLARE project and server." : "Check the server log.",
                null);
    }
}
