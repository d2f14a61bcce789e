package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
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
 * receiver gave up (one-way {@code cancel}) when writing locally fails and it understands cancellation.
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
    private static final String HINT = "Check the server log and try the download again.";

    private final CellRequester cell;
    private final Map<String, Object> authHeaders;

    ObjectDownload(CellRequester cell, Map<String, Object> authHeaders) {
        this.cell = cell;
        this.authHeaders = Map.copyOf(authHeaders);
    }

    /**
     * Pulls the file {@code refId} from {@code sourceFqcn} into {@code out}.
     *
     * @return the number of bytes received
     * @throws FlareException CONNECTION_FAILED when the connection breaks or the producer fails
     */
    long pull(String sourceFqcn, String refId, OutputStream out) throws IOException, FlareException {
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
            Map<?, ?> reply = reply(sourceFqcn, request, refId);
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
                            // download_service.py:2107-2120: lets the producer release the file now, not at its timeout
                            cell.fireAndForget(sourceFqcn, CHANNEL, TOPIC, authHeaders, Map.of(REF_ID, refId, CANCEL, true),
                                    false);
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

    private Map<?, ?> reply(String sourceFqcn, Map<String, Object> request, String refId)
            throws IOException, FlareException {
        CellMessage answer = cell.call(sourceFqcn, CHANNEL, TOPIC, authHeaders, request);
        if (answer.decodedPayload() instanceof Map<?, ?> map) {
            return map;
        }
        throw failed("The FLARE server's answer to download request " + refId + " is not a dict.");
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
        return SessionErrors.connectionFailed( message, HINT);
    }
}
