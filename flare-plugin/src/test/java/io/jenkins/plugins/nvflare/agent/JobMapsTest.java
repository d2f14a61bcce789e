package io.jenkins.plugins.nvflare.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code flareStats} keeps of an answer whose size FLARE decides. */
class JobMapsTest {

    @Test
    void aSmallAnswerIsCopiedWhole() {
        Map<String, Object> stats = Map.of("server", Map.of("round", 3, "tasks", List.of("train", "validate")));
        assertEquals(stats, JobMaps.bounded(stats, StatsCall.MAX_VALUES));
    }

    @Test
    void tooManyValuesAreCutAndTheMapSaysSo() {
        Map<String, Object> site = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            site.put("k" + i, i);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>)
                ((Map<String, Object>) JobMaps.bounded(Map.of("site-1", site), 100)).get("site-1");
        assertEquals(100, kept.size(), "99 values and the mark");
        assertEquals(true, kept.get(JobMaps.TRUNCATED));
    }

    @Test
    void deepNestingAndLongTextsAreCut() {
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = Map.of("d", deep);
        }
        Object kept = JobMaps.bounded(deep, StatsCall.MAX_VALUES);
        int depth = 0;
        while (kept instanceof Map<?, ?> m && m.containsKey("d")) {
            kept = m.get("d");
            depth++;
        }
        assertEquals(JobMaps.MAX_DEPTH, depth);
        assertEquals(Map.of(JobMaps.TRUNCATED, true), kept);

        List<Object> list = new ArrayList<>(List.of("x".repeat(10_000)));
        String text = (String) ((List<?>) JobMaps.bounded(list, 10)).get(0);
        assertEquals(JobMaps.MAX_TEXT, text.length());
        assertTrue(text.endsWith("…"));
    }
}
