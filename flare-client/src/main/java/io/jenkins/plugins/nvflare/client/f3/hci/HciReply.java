package io.jenkins.plugins.nvflare.client.f3.hci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server reply to an hci command: typed items ({@code string}, {@code success}, {@code error},
 * {@code table}, {@code dict}, {@code token}, {@code shutdown}) and a {@code meta} map whose
 * {@code status} is one of proto.py MetaStatusValue ({@code ok}, {@code invalid_job_id}, ...).
 */
public record HciReply(List<Item> items, Map<String, Object> meta) {
    // Configured once here and only read afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One reply item; {@code data} is a String, or rows/maps for table and dict items. */
    public record Item(String type, Object data) {}

    /** A rejected {@code _cert_login}: "REJECT", "REJECT: reason" or "REJECT: AUTH_CODE: reason" (login.py). */
    public record LoginRejection(String authCode, String detail) {}

    public HciReply {
        items = List.copyOf(items);
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /** Parses the reply text the way proto.validate_proto expects it: an object with a "data" list. */
    public static HciReply parse(String json) throws HciProtocolException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new HciProtocolException("hci reply is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("data").isArray()) {
            throw new HciProtocolException("hci reply has no \"data\" list");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode item : root.get("data")) {
            if (!item.path("type").isTextual()) {
                throw new HciProtocolException("hci reply item without a type: " + item);
            }
            JsonNode data = item.get(item.has("rows") ? "rows" : "data");
            items.add(new Item(item.get("type").asText(), data == null ? null : plain(data)));
        }
        Map<String, Object> meta = root.path("meta").isObject()
                ? MAPPER.convertValue(root.get("meta"), new TypeReference<LinkedHashMap<String, Object>>() {})
                : new LinkedHashMap<>();
        return new HciReply(items, meta);
    }

    /** {@code meta.status}, or empty when the server sent none (older commands only send items). */
    public Optional<String> status() {
        return meta.get("status") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<String> token() {
        return texts("token").stream().findFirst();
    }

    List<String> errors() {
        return texts("error");
    }

    /** Text of all string and success items, in order. */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            if ((i.type().equals("string") || i.type().equals("success")) && i.data() instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    public Optional<LoginRejection> loginRejection() {
        for (String s : messages()) {
            if (s.equals("REJECT") || s.startsWith("REJECT:")) {
                String rest = s.length() > 7 ? s.substring(7).strip() : "";
                String[] parts = rest.split(":", 2);
                if (parts.length == 2 && parts[0].strip().startsWith("AUTH_")) {
                    return Optional.of(new LoginRejection(parts[0].strip(), parts[1].strip()));
                }
                return Optional.of(new LoginRejection(null, rest));
            }
        }
        return Optional.empty();
    }

    private List<String> texts(String type) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            if (i.type().equals(type) && i.data() instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private static Object plain(JsonNode node) {
        return node.isTextual() ? node.asText() : MAPPER.convertValue(node, Object.class);
    }
}
