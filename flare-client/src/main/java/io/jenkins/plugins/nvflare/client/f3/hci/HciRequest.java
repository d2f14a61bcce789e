package io.jenkins.plugins.nvflare.client.f3.hci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text an admin command travels as on channel {@code hci_channel}, topic {@code command}
 * (nvflare/fuel/hci/proto.py Buffer, client/api.py _send_to_cell):
 * {@code {"time": ..., "data": [{"type":"command","data":<line>}, {"type":"token","data":<token>}], "meta": {...}}}.
 */
public record HciRequest(String commandLine, String sessionToken, Map<String, Object> meta) {
    // Python writes str(datetime.now()); the server only logs it.
    private static final DateTimeFormatter PY_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    // Configured once here and only read afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public HciRequest {
        if (commandLine == null || commandLine.isBlank()) {
            throw new IllegalArgumentException("an hci request needs a command line");
        }
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /** The session token is a credential: never printed. */
    @Override
    public String toString() {
        return "HciRequest[commandLine=" + commandLine + ", sessionToken="
                + (sessionToken == null ? "none" : "<secret>") + ", meta=" + meta + "]";
    }

    public String toJson(LocalDateTime now) {
        List<Map<String, Object>> data = new ArrayList<>();
        data.add(item("command", commandLine));
        if (sessionToken != null) {
            data.add(item("token", sessionToken));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", PY_DATETIME.format(now));
        doc.put("data", data);
        doc.put("meta", new LinkedHashMap<>(meta));
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hci meta is not JSON-serializable: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> item(String type, String data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("data", data);
        return m;
    }
}
