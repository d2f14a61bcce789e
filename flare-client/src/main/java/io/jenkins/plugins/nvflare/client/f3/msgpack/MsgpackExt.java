package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.util.Arrays;

/**
 * A msgpack extension value (type byte + opaque data). FLARE's fobs does not emit extension types
 * (it encodes custom objects as maps with {@code __fobs_type__}), so these are only carried through
 * unchanged; timestamps (type -1) are not interpreted.
 */
record MsgpackExt(byte type, byte[] data) {
    MsgpackExt {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsgpackExt other && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MsgpackExt[type=" + type + ", " + data.length + " bytes]";
    }
}
