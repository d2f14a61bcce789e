package io.jenkins.plugins.nvflare.client.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregated metrics of each round from a downloaded job's {@code round_metrics.jsonl}, as NVFlare's
 * {@code MetricsArtifactWriter} writes it: one JSON object per line, {@code round} and
 * {@code aggregated_metrics: [{name, value}]}. Only finite numbers are kept, and only so many rounds and names
 * that a build can keep them: the data is for charts, not a copy of the file.
 */
public final class RoundMetrics {

    /** At most this many rounds are kept (the last ones). */
    public static final int MAX_ROUNDS = 500;
    /** At most this many metric names are kept (the first ones seen). */
    public static final int MAX_NAMES = 16;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RoundMetrics() {}

    /**
     * Reads the file; lines that are not such objects are skipped (a job may still be writing its last one).
     *
     * @return round → metric name → value, in round order; empty for a file without metrics
     */
    public static SortedMap<Integer, Map<String, Double>> read(Path file) throws IOException {
        TreeMap<Integer, Map<String, Double>> rounds = new TreeMap<>();
        Map<String, Boolean> names = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(checked(file), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode record = parse(line);
                if (record == null || !record.path("round").canConvertToInt()) {
                    continue;
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (JsonNode metric : record.path("aggregated_metrics")) {
                    String name = metric.path("name").asText(null);
                    JsonNode value = metric.path("value");
                    if (name == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                        continue;
                    }
                    if (names.size() < MAX_NAMES || names.containsKey(name)) {
                        names.put(name, Boolean.TRUE);
                        values.put(name, value.asDouble());
                    }
                }
                if (!values.isEmpty()) {
                    rounds.put(record.path("round").asInt(), Collections.unmodifiableMap(values));
                    if (rounds.size() > MAX_ROUNDS) {
                        rounds.pollFirstEntry();
                    }
                }
            }
        }
        return Collections.unmodifiableSortedMap(rounds);
    }

    private static Path checked(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        return file;
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
