package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareClientContract;
import io.jenkins.plugins.nvflare.client.testing.Captures;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.charset.StandardCharsets;

/** The shared contract for {@link CliFlareClient}: the fake nvflare replays each scenario's real captures. */
class CliTransportContractTest extends FlareClientContract {
    @Override
    protected FlareClient given(Scenario scenario) throws Exception {
        FakeNvflare fake = FakeNvflare.install(tmp.resolve("fake-nvflare"));
        for (String capture : scenario.captures()) {
            if (scenario == Scenario.DOWNLOAD) {
                // The CLI prints where it put the job: the captured folder, moved to this test's output folder.
                Response captured = Response.capture(capture);
                fake.respond("download", Response.of((String) rebased(Captures.stdout(capture)),
                        new String(captured.stderr(), StandardCharsets.UTF_8), captured.exitCode()));
            } else {
                fake.replay(capture);
            }
        }
        return new CliFlareClient(CliConfig.defaults().withExecutable(fake.executable().toString()), tmp.resolve("kit"));
    }
}
