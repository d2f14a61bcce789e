package io.jenkins.plugins.nvflare.client.f3.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte vectors written by hand from the msgpack specification (github.com/msgpack/msgpack/blob/master/spec.md),
 * not produced by our encoder: each value must encode to exactly these bytes (the smallest form, as
 * Python's msgpack.packb writes it) and decode back to the same value.
 */
class MsgpackKnownVectorsTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("nil", null, "c0"),
                Arguments.of("false", false, "c2"),
                Arguments.of("true", true, "c3"),
                Arguments.of("positive fixint 0", 0L, "00"),
                Arguments.of("positive fixint 127", 127L, "7f"),
                Arguments.of("uint8 128", 128L, "cc 80"),
                Arguments.of("uint8 255", 255L, "cc ff"),
                Arguments.of("uint16 256", 256L, "cd 01 00"),
                Arguments.of("uint16 65535", 65535L, "cd ff ff"),
                Arguments.of("uint32 65536", 65536L, "ce 00 01 00 00"),
                Arguments.of("uint32 max", 4294967295L, "ce ff ff ff ff"),
                Arguments.of("uint64 2^32", 4294967296L, "cf 00 00 00 01 00 00 00 00"),
                Arguments.of("uint64 long max", Long.MAX_VALUE, "cf 7f ff ff ff ff ff ff ff"),
                Arguments.of("negative fixint -1", -1L, "ff"),
                Arguments.of("negative fixint -32", -32L, "e0"),
                Arguments.of("int8 -33", -33L, "d0 df"),
                Arguments.of("int8 -128", -128L, "d0 80"),
                Arguments.of("int16 -129", -129L, "d1 ff 7f"),
                Arguments.of("int16 -32768", -32768L, "d1 80 00"),
                Arguments.of("int32 -32769", -32769L, "d2 ff ff 7f ff"),
                Arguments.of("int32 min", (long) Integer.MIN_VALUE, "d2 80 00 00 00"),
                Arguments.of("int64 -2^31-1", -2147483649L, "d3 ff ff ff ff 7f ff ff ff"),
                Arguments.of("int64 min", Long.MIN_VALUE, "d3 80 00 00 00 00 00 00 00"),
                Arguments.of("float64 1.0", 1.0d, "cb 3f f0 00 00 00 00 00 00"),
                Arguments.of("float64 -2.5", -2.5d, "cb c0 04 00 00 00 00 00 00"),
                Arguments.of("empty fixstr", "", "a0"),
                Arguments.of("fixstr hello", "hello", "a5 68 65 6c 6c 6f"),
                Arguments.of("fixstr utf-8 é", "\u00e9", "a2 c3 a9"),
                Arguments.of("str8 32 chars", "a".repeat(32), "d9 20" + " 61".repeat(32)),
                Arguments.of("str16 256 chars", "b".repeat(256), "da 01 00" + " 62".repeat(256)),
                Arguments.of("bin8", new byte[] {1, 2, 3}, "c4 03 01 02 03"),
                Arguments.of("bin8 empty", new byte[0], "c4 00"),
                Arguments.of("bin16", filled(256, (byte) 7), "c5 01 00" + " 07".repeat(256)),
                Arguments.of("fixarray [1,2,3]", List.of(1L, 2L, 3L), "93 01 02 03"),
                Arguments.of("empty fixarray", List.of(), "90"),
                Arguments.of("array16 of 16 nils", nils(16), "dc 00 10" + " c0".repeat(16)),
                Arguments.of("fixmap {a:1}", Map.of("a", 1L), "81 a1 61 01"),
                Arguments.of("empty fixmap", Map.of(), "80"),
                Arguments.of("map16 of 16 entries", intMap(16), "de 00 10" + intMapBody(16)),
                Arguments.of("nested {x:[true,nil]}", Map.of("x", Arrays.asList(true, null)), "81 a1 78 92 c3 c0"),
                Arguments.of("fixext1", new MsgpackExt((byte) 1, new byte[] {2}), "d4 01 02"),
                Arguments.of("fixext4 timestamp32 epoch", new MsgpackExt((byte) -1, new byte[4]), "d6 ff 00 00 00 00"),
                Arguments.of("ext8 3 bytes", new MsgpackExt((byte) 5, new byte[] {9, 8, 7}), "c7 03 05 09 08 07"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encodesToSpecBytes(String name, Object value, String hex) throws Exception {
        assertEquals(hex, Hex.of(Msgpack.encode(value)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesSpecBytes(String name, Object value, String hex) throws Exception {
        Object decoded = Msgpack.decode(Hex.bytes(hex));
        if (value instanceof byte[] expected) {
            assertArrayEquals(expected, (byte[]) decoded);
        } else {
            assertEquals(value, decoded);
        }
    }

    /** Python never writes these forms for these values, but other encoders may: we must still read them. */
    static Stream<Arguments> nonMinimalForms() {
        return Stream.of(
                Arguments.of("uint16 holding 1", "cd 00 01", 1L),
                Arguments.of("int64 holding -1", "d3 ff ff ff ff ff ff ff ff", -1L),
                Arguments.of("float32 1.5 widened", "ca 3f c0 00 00", 1.5d),
                Arguments.of("str8 holding 'a'", "d9 01 61", "a"),
                Arguments.of("str32 holding 'a'", "db 00 00 00 01 61", "a"),
                Arguments.of("array32 [nil]", "dd 00 00 00 01 c0", Arrays.asList((Object) null)),
                Arguments.of("map32 {1:2}", "df 00 00 00 01 01 02", Map.of(1L, 2L)),
                Arguments.of("uint64 max", "cf ff ff ff ff ff ff ff ff", new BigInteger("18446744073709551615")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonMinimalForms")
    void decodesNonMinimalForms(String name, String hex, Object expected) throws Exception {
        assertEquals(expected, Msgpack.decode(Hex.bytes(hex)));
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    private static List<Object> nils(int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        return out;
    }

    private static Map<Object, Object> intMap(int n) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) {
            out.put(i, i + 0x10);
        }
        return out;
    }

    private static String intMapBody(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format(" %02x %02x", i, i + 0x10));
        }
        return sb.toString();
    }
}
