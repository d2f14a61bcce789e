package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.CliFlareClient;
import io.jenkins.plugins.nvflare.client.testing.Captures;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CLI transport's view of the real captures (nvflare-cli-captures): a CliFlareClient over the fake
 * nvflare replaying them, so a native result can be compared with what the CLI transport returns for
 * the same case, and the captures' JSON to build the server's replies from.
 */
public final class CliCaptures {
    private CliCaptures() {}

    /** A CLI client whose fake nvflare replays these captures (per subcommand, in order). */
    public static CliFlareClient client(Path tmp, String... captures) throws IOException {
        FakeNvflare fake = FakeNvflare.install(tmp.resolve("fake-nvflare"));
        for (String c : captures) {
            fake.replay(c);
        }
        return new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), tmp.resolve("kit"));
    }

    /** The {@code data} of a capture's JSON envelope, as plain Java values (ordered maps). */
    public static Object data(String capture) {
        return Captures.data(capture);
    }

    public static Map<String, Object> dataMap(String capture) {
        return Captures.dataMap(capture);
    }

    public static List<Map<String, Object>> dataList(String capture) {
        return Captures.dataList(capture);
    }

    /** The JSON lines of a jsonl capture. */
    static List<Map<String, Object>> lines(String capture) {
        return Captures.lines(capture);
    }
}
