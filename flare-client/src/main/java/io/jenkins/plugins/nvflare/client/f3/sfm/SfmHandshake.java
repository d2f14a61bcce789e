package io.jenkins.plugins.nvflare.client.f3.sfm;

import io.jenkins.plugins.nvflare.client.f3.msgpack.Msgpack;
import io.jenkins.plugins.nvflare.client.f3.msgpack.MsgpackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HELLO / READY payload (sfm_conn.send_handshake): a msgpack map with {@code endpoint_name}
 * (the cell's FQCN), {@code timestamp} (float seconds since the epoch) and the endpoint's extra
 * properties merged in at top level. Sent with no headers, app id 0 and stream id 1.
 */
public record SfmHandshake(String endpointName, double timestamp, Map<String, Object> properties) {
    static final String ENDPOINT_NAME = "endpoint_name";
    static final String TIMESTAMP = "timestamp";
    static final int STREAM_ID = 1;

    public SfmHandshake {
        if (endpointName == null || endpointName.isEmpty()) {
            throw new IllegalArgumentException("handshake needs an endpoint name");
        }
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public SfmFrame toFrame(SfmFrameType type, int sequence) throws MsgpackException {
        if (type != SfmFrameType.HELLO && type != SfmFrameType.READY) {
            throw new IllegalArgumentException("handshake frames are HELLO or READY, not " + type);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(ENDPOINT_NAME, endpointName);
        data.put(TIMESTAMP, timestamp);
        // Python does data.update(properties): a property may override the two keys above; we keep ours.
        properties.forEach(data::putIfAbsent);
        return new SfmFrame(type.code(), 0, 0, STREAM_ID, sequence, Map.of(), Msgpack.encode(data));
    }

    static SfmHandshake fromFrame(SfmFrame frame) throws SfmFrameException {
        if (frame.type() != SfmFrameType.HELLO.code() && frame.type() != SfmFrameType.READY.code()) {
            throw new SfmFrameException("not a handshake frame: " + frame);
        }
        Object decoded;
        try {
            decoded = Msgpack.decode(frame.payload());
        } catch (MsgpackException e) {
            throw new SfmFrameException("bad handshake payload: " + e.getMessage(), e);
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new SfmFrameException("handshake payload is not a msgpack map");
        }
        if (!(map.get(ENDPOINT_NAME) instanceof String name) || name.isEmpty()) {
            throw new SfmFrameException("handshake without endpoint_name");
        }
        double timestamp = map.get(TIMESTAMP) instanceof Number n ? n.doubleValue() : 0;
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() instanceof String k && !k.equals(ENDPOINT_NAME) && !k.equals(TIMESTAMP)) {
                props.put(k, e.getValue());
            }
        }
        return new SfmHandshake(name, timestamp, props);
    }
}
