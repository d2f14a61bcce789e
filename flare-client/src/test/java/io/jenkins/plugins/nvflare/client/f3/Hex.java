package io.jenkins.plugins.nvflare.client.f3;

import java.util.HexFormat;

/** Test helper: hand-written hex vectors ("93 01 02 03") to bytes and back. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
