package io.jenkins.plugins.nvflare.client.f3.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vectors hand-built from lobs.py: HEADER_STRUCT ">BBQ", MARKER_MAIN = 100, then the msgpack body. */
class F3LobsTest {

    @Test
    void stringPayloadLikeAnHciCommand() throws Exception {
        String hex = "64 00 00 00 00 00 00 00 00 06 a5 68 65 6c 6c 6f";
        assertEquals(hex, Hex.of(Lobs.encode("hello")));
        assertEquals("hello", Lobs.decode(Hex.bytes(hex)));
    }

    @Test
    void dictPayloadLikeARegisterReply() throws Exception {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ssid", "s1");
        String hex = "64 00 00 00 00 00 00 00 00 09 81 a4 73 73 69 64 a2 73 31";
        assertEquals(hex, Hex.of(Lobs.encode(reply)));
        assertEquals(reply, Lobs.decode(Hex.bytes(hex)));
    }

    @Test
    void rejectsBrokenEnvelopes() {
        assertMessage("64 00 00 00", "too short: 4 byte(s)");
        assertMessage("65 00 00 00 00 00 00 00 00 01 c0", "does not start with a main section (marker 101)");
        assertMessage("64 00 00 00 00 00 00 00 00 00", "declares 0 bytes");
        assertMessage("64 00 00 00 00 00 00 00 00 05 a5 68", "declares 5 bytes, 2 present");
        assertMessage("64 00 ff ff ff ff ff ff ff ff c0", "declares 18446744073709551615 bytes");
        assertMessage("64 00 00 00 00 00 00 00 00 01 c0 66 00 00", "datum sections (values over 10 MB)");
        assertMessage("64 00 00 00 00 00 00 00 00 01 c0 00", "1 unexpected byte(s)");
        assertMessage("64 00 00 00 00 00 00 00 00 01 c1", "invalid msgpack type byte 0xc1");
    }

    private static void assertMessage(String hex, String expected) {
        MsgpackException e = assertThrows(MsgpackException.class, () -> Lobs.decode(Hex.bytes(hex)));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
