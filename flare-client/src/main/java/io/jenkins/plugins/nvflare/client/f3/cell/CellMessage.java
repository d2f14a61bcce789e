package io.jenkins.plugins.nvflare.client.f3.cell;

import io.jenkins.plugins.nvflare.client.f3.msgpack.Lobs;
import io.jenkins.plugins.nvflare.client.f3.msgpack.MsgpackException;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CellNet message: header map plus payload bytes already encoded as {@link #encoding()} says
 * (nvflare/fuel/f3/message.py, cellnet/utils.py encode_payload). Travels as one SFM DATA frame with app id 1.
 *
 * <p>As {@link SfmFrame}, the payload array is taken over, not copied (the caller built it for this message and
 * leaves it alone); {@link #payload()} returns a copy.
 */
public record CellMessage(Map<String, Object> headers, byte[] payload) {

    public CellMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        payload = payload == null ? new byte[0] : payload;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * A request as CoreCell sends one to a direct neighbour: origin and from are this cell, destination
     * and to the target, a fresh request id, reply expected, a one-hop route. {@code appHeaders} (e.g.
     * auth or login headers) are added after the CellNet ones; {@code payloadValue} is fobs encoded
     * unless it is null (encoding "none").
     */
    public static CellMessage request(
            String self,
            String target,
            String channel,
            String topic,
            String reqId,
            double now,
            Map<String, Object> appHeaders,
            Object payloadValue)
            throws MsgpackException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(CellHeaders.CHANNEL, channel);
        h.put(CellHeaders.TOPIC, topic);
        h.put(CellHeaders.FROM_CELL, self);
        h.put(CellHeaders.TO_CELL, target);
        h.put(CellHeaders.ORIGIN, self);
        h.put(CellHeaders.DESTINATION, target);
        h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REQ);
        h.put(CellHeaders.ROUTE, List.of(List.of(self, now)));
        h.put(CellHeaders.REQ_ID, reqId);
        h.put(CellHeaders.REPLY_EXPECTED, true);
        h.put(CellHeaders.SECURE, false);
        h.put(CellHeaders.OPTIONAL, false);
        if (appHeaders != null) {
            h.putAll(appHeaders);
        }
        byte[] body = payloadValue == null ? new byte[0] : Lobs.encode(payloadValue);
        h.put(
                CellHeaders.PAYLOAD_ENCODING,
                payloadValue == null ? CellHeaders.ENCODING_NONE : CellHeaders.ENCODING_FOBS);
        h.put(CellHeaders.PAYLOAD_LEN, (long) body.length);
        h.put(CellHeaders.SEND_TIME, now);
        return new CellMessage(h, body);
    }

    /** A copy with {@code extra} headers added or replaced (e.g. turning a request into a one-way message). */
    CellMessage withHeaders(Map<String, Object> extra) {
        Map<String, Object> h = new LinkedHashMap<>(headers);
        h.putAll(extra);
        return new CellMessage(h, payload);
    }

    public String header(String key) {
        Object v = headers.get(key);
        return v instanceof String s ? s : null;
    }

    String encoding() {
        String e = header(CellHeaders.PAYLOAD_ENCODING);
        return e == null ? CellHeaders.ENCODING_NONE : e;
    }

    /** The return code of a reply; CoreCell treats a missing one as "ok". */
    public String returnCode() {
        String rc = header(CellHeaders.RETURN_CODE);
        return rc == null ? CellHeaders.RC_OK : rc;
    }

    /** Request ids this reply answers: a list on replies, a single string on requests. */
    public List<String> requestIds() {
        Object v = headers.get(CellHeaders.REQ_ID);
        List<String> ids = new ArrayList<>();
        if (v instanceof String s) {
            ids.add(s);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    ids.add(s);
                }
            }
        }
        return ids;
    }

    /** The payload decoded according to its encoding: null, the raw bytes, or the fobs main body. */
    public Object decodedPayload() throws MsgpackException {
        return switch (encoding()) {
            case CellHeaders.ENCODING_NONE -> null;
            case CellHeaders.ENCODING_BYTES -> payload();
            case CellHeaders.ENCODING_FOBS -> Lobs.decode(payload);
            default -> throw new MsgpackException("unknown payload encoding '" + encoding() + "'");
        };
    }

    /** The SFM DATA frame carrying this message. */
    public SfmFrame toFrame(int streamId, int sequence) {
        return SfmFrame.data(SfmFrame.CELLNET_APP_ID, streamId, sequence, headers, payload);
    }

    public static CellMessage fromFrame(SfmFrame frame) throws SfmFrameException {
        if (frame.type() != SfmFrameType.DATA.code() || frame.appId() != SfmFrame.CELLNET_APP_ID) {
            throw new SfmFrameException("not a CellNet message frame: " + frame);
        }
        return new CellMessage(frame.headers(), frame.payload());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellMessage m && headers.equals(m.headers) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CellMessage[" + header(CellHeaders.CHANNEL) + "/" + header(CellHeaders.TOPIC) + " "
                + header(CellHeaders.MSG_TYPE) + ", " + payload.length + " payload bytes]";
    }
}
