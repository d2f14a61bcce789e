package io.jenkins.plugins.nvflare.client.f3.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.nvflare.client.f3.msgpack.MsgpackException;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class F3CellMessageTest {
    private static final String ME = "_admin_0f8fad5b-d9cb-469f-a165-70867728950e";
    private final SfmCodec codec = new SfmCodec(1 << 20);

    @Test
    void hciCommandRequestHasCellnetHeadersAndFobsPayload() throws Exception {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put(CellHeaders.AUTH_TOKEN, "tok");
        CellMessage m = CellMessage.request(
                ME,
                CellHeaders.SERVER,
                CellHeaders.CHANNEL_HCI,
                CellHeaders.TOPIC_COMMAND,
                "req-1",
                1.5,
                auth,
                "{\"data\":[]}");

        Map<String, Object> h = m.headers();
        assertEquals("hci_channel", h.get("cn__channel"));
        assertEquals("command", h.get("cn__topic"));
        assertEquals(ME, h.get("cn__origin"));
        assertEquals("server", h.get("cn__destination"));
        assertEquals("req", h.get("cn__msg_type"));
        assertEquals("req-1", h.get("cn__req_id"));
        assertEquals(true, h.get("cn__reply_expected"));
        assertEquals(List.of(List.of(ME, 1.5)), h.get("cn__route"));
        assertEquals("fobs", h.get("cn__payload_encoding"));
        assertEquals("tok", h.get("__token__"));
        // LOBS main section header (marker 100, dot 0, size 12) + fixstr of 11 bytes
        assertEquals("64 00 00 00 00 00 00 00 00 0c ab", Hex.of(java.util.Arrays.copyOf(m.payload(), 11)));
        assertEquals((long) m.payload().length, h.get("cn__payload_len"));
        assertEquals("{\"data\":[]}", m.decodedPayload());
    }

    @Test
    void travelsThroughAnSfmDataFrameUnchanged() throws Exception {
        CellMessage m = CellMessage.request(
                ME, "server", "task", "challenge", "r", 2.0, Map.of("cn", "admin@nvidia.com", "nonce", "n-1"), null);
        SfmFrame frame = codec.decode(codec.encode(m.toFrame(3, 4)));
        assertEquals(1, frame.appId());
        assertEquals(3, frame.streamId());
        CellMessage back = CellMessage.fromFrame(frame);
        assertEquals(m, back);
        assertEquals("none", back.encoding());
        assertNull(back.decodedPayload());
    }

    @Test
    void readsReplyFields() throws Exception {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(CellHeaders.MSG_TYPE, "reply");
        h.put(CellHeaders.REQ_ID, List.of("r1", "r2"));
        h.put(CellHeaders.RETURN_CODE, "unauthenticated");
        h.put(CellHeaders.PAYLOAD_ENCODING, "bytes");
        CellMessage reply = new CellMessage(h, new byte[] {1, 2});
        assertEquals(List.of("r1", "r2"), reply.requestIds());
        assertEquals("unauthenticated", reply.returnCode());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) reply.decodedPayload());
        assertEquals("ok", new CellMessage(Map.of(), null).returnCode(), "missing return code means ok");
    }

    @Test
    void rejectsNonCellnetFramesAndUnknownEncodings() {
        SfmFrame ping = new SfmFrame(SfmFrameType.PING.code(), 0, 0, 1, 1, Map.of(), null);
        assertThrows(SfmFrameException.class, () -> CellMessage.fromFrame(ping));
        CellMessage odd = new CellMessage(Map.of(CellHeaders.PAYLOAD_ENCODING, "zip"), new byte[1]);
        assertThrows(MsgpackException.class, odd::decodedPayload);
    }
}
