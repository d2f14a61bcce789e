package io.jenkins.plugins.nvflare.client.f3.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MsgpackRoundTripTest {

    @Test
    void cellnetStyleHeadersRoundTripInOrder() throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("cn__channel", "hci");
        headers.put("cn__topic", "command");
        headers.put("cn__origin", "_admin_0f8fad5b-d9cb-469f-a165-70867728950e");
        headers.put("cn__destination", "server");
        headers.put("cn__msg_type", "req");
        headers.put("cn__reply_expected", true);
        headers.put("cn__send_time", 1.7642e9);
        headers.put("cn__payload_len", 1234L);
        headers.put("cn__route", List.of(List.of("server", 1.0)));

        Object decoded = Msgpack.decode(Msgpack.encode(headers));

        assertEquals(headers, decoded);
        assertEquals(new ArrayList<>(headers.keySet()), new ArrayList<>(((Map<?, ?>) decoded).keySet()));
    }

    @Test
    void everyIntegerBoundaryRoundTripsAsLong() throws Exception {
        long[] edges = {
            0,
            1,
            31,
            32,
            127,
            128,
            255,
            256,
            65535,
            65536,
            4294967295L,
            4294967296L,
            Long.MAX_VALUE,
            -1,
            -31,
            -32,
            -33,
            -128,
            -129,
            -32768,
            -32769,
            Integer.MIN_VALUE,
            Integer.MIN_VALUE - 1L,
            Long.MIN_VALUE
        };
        for (long v : edges) {
            assertEquals(v, Msgpack.decode(Msgpack.encode(v)), "value " + v);
        }
        assertEquals(5L, Msgpack.decode(Msgpack.encode(5)), "Integer input decodes as Long");
        assertEquals(-7L, Msgpack.decode(Msgpack.encode((short) -7)));
    }

    @Test
    void bigIntegerAboveLongMaxRoundTrips() throws Exception {
        BigInteger big = BigInteger.ONE.shiftLeft(63).add(BigInteger.TEN);
        assertEquals(big, Msgpack.decode(Msgpack.encode(big)));
        assertEquals(-3L, Msgpack.decode(Msgpack.encode(BigInteger.valueOf(-3))));
        assertThrows(MsgpackException.class, () -> Msgpack.encode(BigInteger.ONE.shiftLeft(64)));
        assertThrows(
                MsgpackException.class,
                () -> Msgpack.encode(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE)));
    }

    @Test
    void floatIsWrittenAsFloat32AndReadAsDouble() throws Exception {
        byte[] bytes = Msgpack.encode(0.25f);
        assertEquals("ca 3e 80 00 00", Hex.of(bytes));
        assertEquals(0.25d, Msgpack.decode(bytes));
    }

    @Test
    void largeStringsAndBinariesUseThirtyTwoBitLengths() throws Exception {
        String s = "x".repeat(70_000);
        byte[] sBytes = Msgpack.encode(s);
        assertEquals("db 00 01 11 70", Hex.of(java.util.Arrays.copyOf(sBytes, 5)));
        assertEquals(s, Msgpack.decode(sBytes));

        byte[] bin = new byte[70_000];
        new Random(42).nextBytes(bin);
        byte[] bBytes = Msgpack.encode(bin);
        assertEquals("c6 00 01 11 70", Hex.of(java.util.Arrays.copyOf(bBytes, 5)));
        assertArrayEquals(bin, (byte[]) Msgpack.decode(bBytes));
    }

    @Test
    void largeArrayAndMapUseThirtyTwoBitCounts() throws Exception {
        List<Object> list = new ArrayList<>();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long i = 0; i < 70_000; i++) {
            list.add(i);
            map.put("k" + i, i);
        }
        byte[] l = Msgpack.encode(list);
        assertEquals(0xdd, l[0] & 0xff);
        assertEquals(list, Msgpack.decode(l));
        byte[] m = Msgpack.encode(map);
        assertEquals(0xdf, m[0] & 0xff);
        assertEquals(map, Msgpack.decode(m));
    }

    @Test
    void decodesASubRange() throws Exception {
        byte[] framed = Hex.bytes("ee ee 93 01 02 03 ee");
        assertEquals(List.of(1L, 2L, 3L), Msgpack.decode(framed, 2, 4));
    }

    @Test
    void rejectsMalformedInputWithClearErrors() {
        assertMessage("c1", "invalid msgpack type byte 0xc1 at offset 0");
        assertMessage("a5 68 65", "truncated msgpack str");
        assertMessage("cd 01", "truncated msgpack value");
        assertMessage("93 01 02 03 04", "1 trailing byte(s)");
        assertMessage("a1 ff", "not valid UTF-8");
        assertMessage("95 01", "truncated msgpack array");
        assertMessage("dd ff ff ff ff", "exceeds what this reader supports");
        assertMessage("df 7f ff ff ff", "truncated msgpack map");
        assertMessage("c6 00 00 10 00 01", "truncated msgpack bin");
        assertMessage("81 c4 01 00 01", "unsupported msgpack map key type byte[]");
        assertMessage("", "truncated msgpack value");
    }

    @Test
    void rejectsExcessiveNesting() {
        byte[] deep = new byte[200];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertMessage(Hex.of(deep), "nested deeper than");
    }

    @Test
    void refusesToEncodeUnknownTypesAndCycles() {
        MsgpackException e = assertThrows(MsgpackException.class, () -> Msgpack.encode(new Object()));
        assertTrue(e.getMessage().contains("cannot encode java.lang.Object"), e.getMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(MsgpackException.class, () -> Msgpack.encode(cycle));
    }

    private static void assertMessage(String hex, String expected) {
        MsgpackException e = assertThrows(MsgpackException.class, () -> Msgpack.decode(Hex.bytes(hex)));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
