package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SFM frame without its length fields (those are derived by {@link SfmCodec}): the raw type
 * code (kept as an int so unknown types can be reported, not lost), flags, app id, stream id,
 * sequence, the msgpack header map and the payload bytes.
 *
 * <p>The payload array is taken as it is, not copied: whoever builds a frame hands the array over and does not
 * change it afterwards (every caller builds it for the frame). Upload chunks are 1 MiB, and a copy per layer was a
 * large part of an upload's CPU time. {@link #payload()} still returns a copy.
 */
public record SfmFrame(
        int type, int flags, int appId, int streamId, int sequence, Map<String, Object> headers, byte[] payload) {
    /** Flag bits (sfm/constants.py {@code Flags}); FLARE at this commit always sends 0. */
    static final int FLAG_OOB = 0x8000;

    static final int FLAG_ACK = 0x4000;
    static final int FLAG_REQ = 0x2000;
    static final int FLAG_RESP = 0x1000;
    static final int FLAG_PUB_SUB = 0x0800;

    /** CoreCell.APP_ID: every CellNet message travels under this app id. */
    public static final int CELLNET_APP_ID = 1;

    public SfmFrame {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        payload = payload == null ? new byte[0] : payload;
    }

    /** A DATA frame as SfmConnection.send_data builds it: flags 0, sequence filled in per connection. */
    public static SfmFrame data(int appId, int streamId, int sequence, Map<String, Object> headers, byte[] payload) {
        return new SfmFrame(SfmFrameType.DATA.code(), 0, appId, streamId, sequence, headers, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    /** The payload itself, not a copy, for {@link SfmCodec} to write out; never changed. */
    byte[] payloadArray() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SfmFrame f
                && type == f.type
                && flags == f.flags
                && appId == f.appId
                && streamId == f.streamId
                && sequence == f.sequence
                && headers.equals(f.headers)
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, flags, appId, streamId, sequence, headers) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String name = SfmFrameType.of(type).map(Enum::name).orElse("type " + type);
        return "SfmFrame[" + name + ", flags=0x" + Integer.toHexString(flags) + ", app=" + appId + ", stream="
                + streamId + ", seq=" + sequence + ", headers=" + headers.keySet() + ", payload=" + payload.length
                + " bytes]";
    }
}
