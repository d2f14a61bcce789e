package io.jenkins.plugins.nvflare.client.f3.testing;

import java.util.HexFormat;

/** Test helper: hand-written hex vectors ("93 01 02 03") to bytes and back. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    public static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
