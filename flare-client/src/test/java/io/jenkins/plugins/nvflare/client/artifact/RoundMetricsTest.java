package io.jenkins.plugins.nvflare.client.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code round_metrics.jsonl} as the build page charts it: the live capture 150-download-round_metrics.jsonl and edge cases. */
class RoundMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void readsEachRoundsAggregatedMetricsOfARealDownload() throws IOException {
        Path file = tmp.resolve("round_metrics.jsonl");
        Files.write(file, FakeNvflare.resource("150-download-round_metrics.jsonl"));
        SortedMap<Integer, Map<String, Double>> rounds = RoundMetrics.read(file);
        assertEquals(List.of(0, 1, 2), List.copyOf(rounds.keySet()));
        assertEquals(Map.of("weight_mean", 6.0), rounds.get(0));
        assertEquals(Map.of("weight_mean", 8.0), rounds.get(2));
    }

    @Test
    void keepsFiniteNumbersOnlyAndSkipsBrokenLines() throws IOException {
        Path file = tmp.resolve("round_metrics.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"round\": 1, \"aggregated_metrics\": [{\"name\": \"accuracy\", \"value\": 0.5}, {\"name\": \"note\", \"value\": \"x\"}]}",
                        "not json",
                        "{\"round\": \"two\", \"aggregated_metrics\": [{\"name\": \"accuracy\", \"value\": 0.6}]}",
                        "[1, 2]",
                        "{\"round\": 3, \"aggregated_metrics\": [{\"name\": \"accuracy\", \"value\": 0.7}, {\"name\": \"loss\", \"value\": 0.2}]}",
                        "{\"round\": 4, \"aggregated_metrics\": [{\"name\": \"accu"));
        SortedMap<Integer, Map<String, Double>> rounds = RoundMetrics.read(file);
        assertEquals(List.of(1, 3), List.copyOf(rounds.keySet()));
        assertEquals(Map.of("accuracy", 0.5), rounds.get(1));
        assertEquals(Map.of("accuracy", 0.7, "loss", 0.2), rounds.get(3));
    }

    @Test
    void boundsRoundsAndNames() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int round = 0; round < RoundMetrics.MAX_ROUNDS + 10; round++) {
            lines.append("{\"round\": ").append(round).append(", \"aggregated_metrics\": [");
            for (int m = 0; m < RoundMetrics.MAX_NAMES + 3; m++) {
                lines.append(m == 0 ? "" : ", ")
                        .append("{\"name\": \"m")
                        .append(m)
                        .append("\", \"value\": ")
                        .append(m)
                        .append('}');
            }
            lines.append("]}\n");
        }
        Path file = tmp.resolve("round_metrics.jsonl");
        Files.writeString(file, lines);
        SortedMap<Integer, Map<String, Double>> rounds = RoundMetrics.read(file);
        assertEquals(RoundMetrics.MAX_ROUNDS, rounds.size());
        assertEquals(10, rounds.firstKey(), "the last rounds are kept");
        assertEquals(RoundMetrics.MAX_NAMES, rounds.get(10).size());
        assertTrue(rounds.get(10).containsKey("m0"));
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws IOException {
        Path target = Files.writeString(tmp.resolve("elsewhere.jsonl"), "{\"round\": 1, \"aggregated_metrics\": []}");
        Path link = Files.createSymbolicLink(tmp.resolve("round_metrics.jsonl"), target);
        assertThrows(IOException.class, () -> RoundMetrics.read(link));
    }
}
