package io.jenkins.plugins.nvflare.client.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the real captures (nvflare-cli-captures) as plain Java values (ordered maps, lists). */
public final class Captures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Captures() {}

    /** The whole envelope of a {@code --format json} capture. */
    public static Map<String, Object> envelope(String capture) {
        return parse(stdout(capture));
    }

    /** The {@code data} of a capture's envelope. */
    public static Object data(String capture) {
        return envelope(capture).get("data");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> dataMap(String capture) {
        return (Map<String, Object>) data(capture);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> dataList(String capture) {
        return (List<Map<String, Object>>) data(capture);
    }

    /** The JSON lines of a {@code --format jsonl} capture. */
    public static List<Map<String, Object>> lines(String capture) {
        List<Map<String, Object>> out = new ArrayList<>();
        stdout(capture).lines().filter(l -> !l.isBlank()).forEach(l -> out.add(parse(l)));
        return out;
    }

    /** A JSON list of strings (e.g. log-config's {@code sites}). */
    @SuppressWarnings("unchecked")
    public static List<String> strings(Object jsonList) {
        return (List<String>) jsonList;
    }

    /** A capture's stdout as text. */
    public static String stdout(String capture) {
        return new String(FakeNvflare.resource(capture + ".stdout"), StandardCharsets.UTF_8);
    }

    static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json.strip(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
