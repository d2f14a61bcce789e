package io.jenkins.plugins.nvflare.client.f3;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.CliFlareClient;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI transport's view of the real captures (nvflare-cli-captures): a CliFlareClient over the fake
 * nvflare replaying them, so a native result can be compared with what the CLI transport returns for
 * the same case, and the captures' JSON to build the server's replies from.
 */
final class CliCaptures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CliCaptures() {}

    /** A CLI client whose fake nvflare replays these captures (per subcommand, in order). */
    static CliFlareClient client(Path tmp, String... captures) throws IOException {
        FakeNvflare fake = FakeNvflare.install(tmp.resolve("fake-nvflare"));
        for (String c : captures) {
            fake.replay(c);
        }
        return new CliFlareClient(CliConfig.defaults().withExecutable(fake.executable().toString()), tmp.resolve("kit"));
    }

    /** The {@code data} of a capture's JSON envelope, as plain Java values (ordered maps). */
    static Object data(String capture) {
        return line(stdout(capture)).get("data");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dataMap(String capture) {
        return (Map<String, Object>) data(capture);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> dataList(String capture) {
        return (List<Map<String, Object>>) data(capture);
    }

    /** The JSON lines of a jsonl capture. */
    static List<Map<String, Object>> lines(String capture) {
        List<Map<String, Object>> out = new ArrayList<>();
        stdout(capture).lines().filter(l -> !l.isBlank()).forEach(l -> out.add(line(l)));
        return out;
    }

    private static String stdout(String capture) {
        return new String(FakeNvflare.resource(capture + ".stdout"), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> line(String json) {
        try {
            return MAPPER.readValue(json.strip(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
