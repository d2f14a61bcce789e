package io.jenkins.plugins.nvflare.client.f3.cell;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FLARE's {@code Shareable} (nvflare/apis/shareable.py) as fobs sends it: a dict decomposed by
 * DictDecomposer whose reserved key {@code __headers__} holds the headers ({@code __rc__},
 * {@code __topic__}, {@code __peer_props__}, stream headers, ...).
 */
public final class Shareables {
    public static final String SHAREABLE_TYPE = "nvflare.apis.shareable.Shareable";
    public static final String DICT_DECOMPOSER = "nvflare.fuel.utils.fobs.decomposer.DictDecomposer";
    static final String HEADERS = "__headers__";
    public static final String RC = "__rc__";
    public static final String TOPIC = "__topic__";
    public static final String PEER_PROPS = "__peer_props__";
    public static final String RC_OK = "OK";

    private Shareables() {}

    /** A Shareable with the given headers and body keys, headers first as {@code Shareable()} creates them. */
    public static Map<String, Object> of(Map<String, Object> headers, Map<String, Object> body) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(HEADERS, new LinkedHashMap<>(headers));
        data.putAll(body);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Fobs.TYPE, Shareables.SHAREABLE_TYPE);
        m.put(Fobs.DATA, data);
        m.put(Fobs.DECOMPOSER, Shareables.DICT_DECOMPOSER);
        return m;
    }

    /**
     * What the admin's FLContext makes public and AuxRunner sends as {@code __peer_props__}
     * (fl_context.py:341-350 new_context: run number "" and the identity); the server refuses aux
     * messages without them (aux_runner.py:123-126).
     */
    public static Map<String, Object> adminPeerProps(String identity) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("__run_num__", "");
        props.put("__identity_name__", identity);
        return props;
    }

    /** The dict of a decoded Shareable payload. */
    public static Map<?, ?> data(Object decodedPayload, String what) throws FlareException {
        if (Fobs.unwrap(decodedPayload) instanceof Map<?, ?> map) {
            return map;
        }
        throw SessionErrors.connectionFailed(
                "The FLARE server's reply to " + what + " is not a Shareable.",
                "Check that the server runs a supported NVFlare version.");
    }

    public static Map<?, ?> headers(Map<?, ?> data) {
        return data.get(HEADERS) instanceof Map<?, ?> h ? h : Map.of();
    }

    /** {@code get_return_code()}: the {@code __rc__} header, "OK" when absent. */
    public static String returnCode(Map<?, ?> data) {
        return headers(data).get(RC) instanceof String rc ? rc : RC_OK;
    }
}
