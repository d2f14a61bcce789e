package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.util.Map;

/** The map shape fobs gives objects that are not plain msgpack values (nvflare/fuel/utils/fobs/fobs.py). */
public final class Fobs {
    public static final String TYPE = "__fobs_type__";
    public static final String DATA = "__fobs_data__";
    public static final String DECOMPOSER = "__fobs_dc__";

    private Fobs() {}

    /**
     * The decomposed data of a fobs object (e.g. the dict inside a {@code Shareable}), or the value
     * itself when it is a plain value. Lets callers read a reply whether the server sent a dict or a Shareable.
     */
    public static Object unwrap(Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey(TYPE)) {
            return map.get(DATA);
        }
        return value;
    }
}
