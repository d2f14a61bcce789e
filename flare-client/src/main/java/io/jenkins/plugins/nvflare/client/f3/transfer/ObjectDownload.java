package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiving side of FLARE's pull-based download service for one file (fuel/f3/streaming/download_service.py
 * _download_object, file_downloader.py _ChunkConsumer): request/reply per chunk on cell channel
 * {@code download_service__}, topic {@code download_service__download}, to the cell that owns the file.
 * Each request names the ref and, after the first, the state {@code {"received_bytes": n}}; each reply is
 * {@code {"status": "ok", "data": <bytes>, "state": ...}} until {@code "eof"} (or {@code "error"}).
 * The producer is told the outcome with a one-way confirmation when it asks for one, and that the
 * receiver gave up (one-way {@code cancel}) when it understands cancellation and writing locally fails or
 * a request fails. A request that times out is re-sent with the same state, so the producer serves the
 * same chunk again, up to {@link #MAX_RETRIES} times in a row after pauses of 2, 4, 8 s (download_service.py
 * _download_object, :2221-2258).
 */
final class ObjectDownload {
    static final String CHANNEL = "download_service__";
    static final String TOPIC = "download_service__download";
    static final String REF_ID = "ref_id";
    static final String STATE = "state";
    static final String DATA = "data";
    static final String STATUS = "status";
    static final String CONFIRM = "confirm";
    static final String CONFIRM_NONCE = "confirm_nonce";
    static final String CONFIRM_CAPABLE = "confirm_capable";
    static final String CONFIRM_EXPECTED = "confirm_expected";
    static final String RECEIVED_BYTES = "received_bytes";
    static final String CANCEL = "cancel";
    static final String CANCEL_CAPABLE = "cancel_capable";
    /** download_object's default {@code max_retries} (download_service.py:1999,2035), which download_file keeps. */
    static final int MAX_RETRIES = 3;

    private static final String HINT = "Check the server log and try the download again.";

    private final CellRequester cell;
    private final Map<String, Object> authHeaders;
    private final PollClock clock;

    ObjectDownload(CellRequester cell, Map<String, Object> authHeaders) {
        this(cell, authHeaders, PollClock.SYSTEM);
    }

    /** @param clock sleeps the pause before a retry */
    ObjectDownload(CellRequester cell, Map<String, Object> authHeaders, PollClock clock) {
        this.cell = cell;
        this.authHeaders = Map.copyOf(authHeaders);
        this.clock = clock;
    }

    /** The pause before retry number {@code retry} (1, 2, ...): 2 s doubling up to 60 s (download_service.py:2228). */
    static double backoffSeconds(int retry) {
        return Math.min(2.0 * Math.pow(2, retry - 1), 60.0);
    }

    /**
     * Pulls the file {@code refId} from {@code sourceFqcn} into {@code out}.
     *
     * @return the number of bytes received
     * @throws FlareException CONNECTION_FAILED when the connection breaks, the producer fails or a request is
     *     still unanswered after {@link #MAX_RETRIES} retries
     * @throws InterruptedException when interrupted while pausing before a retry
     */
    long pull(String sourceFqcn, String refId, OutputStream out)
            throws IOException, FlareException, InterruptedException {
        long received = 0;
        Map<String, Object> state = null;
        boolean cancelCapable = false;
        while (true) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put(REF_ID, refId);
            request.put(CONFIRM_CAPABLE, true);
            if (state != null) {
                request.put(STATE, state);
            }
            Map<?, ?> reply;
            try {
                reply = reply(sourceFqcn, request, refId);
            } catch (FlareException | InterruptedException e) {
                if (cancelCapable) {
                    cancel(sourceFqcn, refId, e); // download_service.py:2122-2125,2247
                }
                throw e;
            }
            Object status = reply.get(STATUS);
            cancelCapable |= Boolean.TRUE.equals(reply.get(CANCEL_CAPABLE));
            if ("ok".equals(status)) {
                Object data = reply.get(DATA);
                if (data != null && !(data instanceof byte[])) {
                    throw failed("The FLARE server sent a download chunk that is not bytes.");
                }
                if (data != null) {
                    try {
                        out.write((byte[]) data);
                    } catch (IOException e) {
                        if (cancelCapable) {
                            cancel(sourceFqcn, refId, e);
                        }
                        throw e;
                    }
                    received += ((byte[]) data).length;
                }
                // The consumer's state, not the producer's, drives the next request (download_service.py:2308-2345).
                state = new LinkedHashMap<>(Map.of(RECEIVED_BYTES, received));
            } else if ("eof".equals(status)) {
                confirm(sourceFqcn, refId, reply, "success");
                return received;
            } else if ("error".equals(status)) {
                confirm(sourceFqcn, refId, reply, "failed");
                throw failed("The FLARE server failed to produce the download (ref " + refId + ").");
            } else {
                throw failed("The FLARE server answered a download request with status '" + status + "'.");
            }
        }
    }

    /**
     * Sends {@code request} and returns the reply's dict. Only a timeout is retried, with the same request (same
     * state); every attempt has a new request id, so a late reply to an earlier attempt is skipped
     * (download_service.py:2221-2250, core_cell.py:1512-1525,1987-2028).
     */
    private Map<?, ?> reply(String sourceFqcn, Map<String, Object> request, String refId)
            throws IOException, FlareException, InterruptedException {
        for (int retry = 1; ; retry++) {
            CellMessage answer = cell.callUnlessTimedOut(sourceFqcn, CHANNEL, TOPIC, authHeaders, request);
            if (answer != null) {
                if (answer.decodedPayload() instanceof Map<?, ?> map) {
                    return map;
                }
                throw failed("The FLARE server's answer to download request " + refId + " is not a dict.");
            }
            if (retry > MAX_RETRIES) {
                throw failed("The FLARE server did not answer download request " + refId + " in time ("
                        + (MAX_RETRIES + 1) + " attempts).");
            }
            clock.sleep(backoffSeconds(retry));
        }
    }

    /**
     * Lets the producer release the file now, not at its timeout (download_service.py:2107-2120); like Python, a
     * failure to send it does not hide why the download stopped.
     */
    private void cancel(String sourceFqcn, String refId, Exception why) {
        try {
            cell.fireAndForget(sourceFqcn, CHANNEL, TOPIC, authHeaders, Map.of(REF_ID, refId, CANCEL, true), false);
        } catch (IOException e) {
            why.addSuppressed(e);
        }
    }

    /** Receiver-confirmed completion (download_service.py:2080-2105): only when the producer asked for it. */
    private void confirm(String sourceFqcn, String refId, Map<?, ?> reply, String outcome) throws IOException {
        if (!Boolean.TRUE.equals(reply.get(CONFIRM_EXPECTED))) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put(REF_ID, refId);
        message.put(CONFIRM, outcome);
        message.put(CONFIRM_NONCE, reply.get(CONFIRM_NONCE));
        cell.fireAndForget(sourceFqcn, CHANNEL, TOPIC, authHeaders, message, false);
    }

    private static FlareException failed(String message) {
        return SessionErrors.connectionFailed(message, HINT);
    }
}
