package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.cell.Shareables;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sending side of FLARE's object streaming (nvflare/private/stream_runner.py ObjectStreamer.stream,
 * used by FileStreamer): each object is one aux request to the server on cell channel
 * {@code aux_communication}, topic {@code ObjectStreamer.Request}, a Shareable whose headers carry the
 * app channel/topic, a transaction id and a sequence number (plus the stream context on the first),
 * and the next object goes out only after the reply — stop-and-wait is the flow control. After the
 * last object (or a refused one) the receiver is told to drop the transaction with a one-way
 * {@code ObjectStreamer.Abort}, as Python does even on success (stream_runner.py:473).
 */
final class ObjectStreamSender {
    static final String AUX_CHANNEL = "aux_communication";
    static final String TOPIC_REQUEST = "ObjectStreamer.Request";
    static final String TOPIC_ABORT = "ObjectStreamer.Abort";
    static final String TX_ID = "ObjectStreamer.TX_ID";
    static final String SEQ = "ObjectStreamer.SEQ";
    static final String TOPIC = "ObjectStreamer.TOPIC";
    static final String CHANNEL = "ObjectStreamer.CHANNEL";
    static final String CTX = "ObjectStreamer.CTX";
    static final String END_RESULT = "ObjectStreamer.END_RESULT";
    static final String CTX_CHANNEL = "__channel__";
    static final String CTX_TOPIC = "__topic__";
    private static final String TASK_ABORTED = "TASK_ABORTED";

    private final CellRequester cell;
    private final Map<String, Object> authHeaders;
    private final Map<String, Object> peerProps;

    /**
     * @param authHeaders the session's cell auth headers (added to every message)
     * @param peerProps the sender's public FLContext props (see {@link Shareables#adminPeerProps})
     */
    ObjectStreamSender(CellRequester cell, Map<String, Object> authHeaders, Map<String, Object> peerProps) {
        this.cell = cell;
        this.authHeaders = Map.copyOf(authHeaders);
        this.peerProps = Map.copyOf(peerProps);
    }

    /**
     * The objects of one stream, each made only when it is sent (after the reply to the previous one), so a
     * large stream never needs to be in memory at once.
     */
    interface Source {
        /** How many objects the stream has (at least one; the last one ends it). */
        int count();

        /** Object number {@code seq} (0-based). */
        Map<String, Object> get(int seq) throws FlareException;
    }

    /**
     * Streams {@code objects} (Shareable bodies, the last one ending the stream) and returns the dict of
     * the server's reply to the last one, which carries {@link #END_RESULT} when the receiver produced one.
     *
     * @throws FlareException CONNECTION_FAILED when the connection fails or the receiver refuses an object; what
     *     {@link Source#get} throws when an object cannot be made (the receiver is told to drop the stream)
     */
    Map<?, ?> stream(String channel, String topic, Map<String, Object> streamCtx, Source objects, String txId)
            throws IOException, FlareException {
        int count = objects.count();
        if (count <= 0) {
            throw new IllegalArgumentException("nothing to stream");
        }
        Map<String, Object> ctx = new LinkedHashMap<>(streamCtx);
        ctx.put(CTX_TOPIC, topic);
        ctx.put(CTX_CHANNEL, channel);
        Map<?, ?> reply = null;
        for (int seq = 0; seq < count; seq++) {
            Map<String, Object> object;
            try {
                object = objects.get(seq);
            } catch (FlareException | RuntimeException e) {
                if (seq > 0) {
                    abortQuietly(txId, e);
                }
                throw e;
            }
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(CHANNEL, channel);
            headers.put(TOPIC, topic);
            headers.put(TX_ID, txId);
            headers.put(SEQ, (long) seq);
            if (seq == 0) {
                headers.put(CTX, ctx);
            }
            headers.put(Shareables.TOPIC, TOPIC_REQUEST);
            headers.put(Shareables.PEER_PROPS, peerProps);
            CellMessage answer = cell.call(AUX_CHANNEL, TOPIC_REQUEST, authHeaders, Shareables.of(headers, object));
            reply = Shareables.data(answer.decodedPayload(), channel + " stream");
            String rc = Shareables.returnCode(reply);
            if (!Shareables.RC_OK.equals(rc)) {
                abort(txId);
                throw SessionErrors.connectionFailed(
                        "The FLARE server refused part " + (seq + 1) + " of " + count + " of the " + channel
                                + " stream: " + rc + ".",
                        "Check the server log; the upload may be too large or the session may have expired.");
            }
        }
        abort(txId);
        return reply;
    }

    /** Drops a stream that failed on this side; the local failure is what gets reported. */
    private void abortQuietly(String txId, Exception failure) {
        try {
            abort(txId);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** stream_runner.py _notify_abort_streaming: make_reply(TASK_ABORTED) + TX_ID, fire and forget, optional. */
    private void abort(String txId) throws IOException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(Shareables.RC, TASK_ABORTED);
        headers.put(TX_ID, txId);
        headers.put(Shareables.TOPIC, TOPIC_ABORT);
        headers.put(Shareables.PEER_PROPS, peerProps);
        cell.fireAndForget(
                CellHeaders.SERVER, AUX_CHANNEL, TOPIC_ABORT, authHeaders, Shareables.of(headers, Map.of()), true);
    }
}
