package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgsTest {

    @Test
    void absentOptionsAreLeftOut() {
        assertEquals(
                List.of("job", "list", "-m", "3"),
                CliArgs.job("list")
                        .option("-n", null)
                        .option("-m", 3)
                        .flag("--force", false)
                        .build());
    }

    @Test
    void valuesThatLookLikeOptionsStayValues() {
        assertEquals(
                List.of("job", "submit", "--submit-token=-t1", "--study", "s"),
                CliArgs.job("submit")
                        .option("--submit-token", "-t1")
                        .option("--study", "s")
                        .build());
    }
}
