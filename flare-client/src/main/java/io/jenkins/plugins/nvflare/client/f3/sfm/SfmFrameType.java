package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.util.Optional;

/** The SFM frame types (nvflare/fuel/f3/sfm/constants.py {@code Types}). */
public enum SfmFrameType {
    /** A CellNet message: msgpack headers + encoded payload, app id 1. */
    DATA(1),
    /** Declared but never sent by FLARE at this commit (conn_manager logs "unsupported frame type"). */
    FRAG(2),
    /** Declared but never sent by FLARE at this commit. */
    ACK(3),
    /** Handshake from the connecting side; payload is a msgpack map with endpoint_name and timestamp. */
    HELLO(4),
    /** Handshake answer to HELLO, same payload shape. */
    READY(5),
    /** Heartbeat; answered with PONG. */
    PING(6),
    PONG(7);

    private final int code;

    SfmFrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static Optional<SfmFrameType> of(int code) {
        for (SfmFrameType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
