package io.jenkins.plugins.nvflare.client.f3.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When {@code nvflare job logs} asks for the other log file and how it merges both answers
 * (job_cli.py:2215-2264 {@code _job_log_result_needs_fallback}, {@code _merge_job_log_fallback_result}).
 */
final class JobLogFallback {
    private JobLogFallback() {}

    static boolean needed(Map<String, Object> result, String site) {
        if (!(result.get("logs") instanceof Map<?, ?> logs)) {
            return true;
        }
        if (result.get("unavailable") instanceof Map<?, ?> unavailable && !unavailable.isEmpty()) {
            if (site.equals("all")) {
                return unavailable.keySet().stream().anyMatch(name -> !logs.containsKey(name));
            }
            return unavailable.containsKey(site);
        }
        return logs.isEmpty();
    }

    static Map<String, Object> merge(Map<String, Object> primary, Map<String, Object> fallback) {
        Map<String, Object> logs = new LinkedHashMap<>(asMap(primary.get("logs")));
        Map<String, Object> unavailable = new LinkedHashMap<>(asMap(primary.get("unavailable")));
        asMap(fallback.get("logs")).forEach((name, text) -> {
            logs.putIfAbsent(name, text);
            unavailable.remove(name);
        });
        asMap(fallback.get("unavailable")).forEach((name, reason) -> {
            if (!logs.containsKey(name)) {
                unavailable.put(name, reason);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>(primary);
        result.put("logs", logs);
        if (unavailable.isEmpty()) {
            result.remove("unavailable");
        } else {
            result.put("unavailable", unavailable);
        }
        return result;
    }

    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? JobCommands.castMap(m) : Map.of();
    }
}
