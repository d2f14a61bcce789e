package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobSummary;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FLARE's answers as the values Pipeline steps return: maps and lists of JDK types, built on the agent. They cross
 * the agent channel (whose class filter refuses a library's classes and {@code List.of}'s serial form) and live in
 * the Pipeline's state, so they are plain {@link LinkedHashMap}s and {@link ArrayList}s all the way down.
 */
public final class JobMaps {

    private JobMaps() {}

    /** {@code flareStatus}: the job's metadata, with its sites' deployment results as {@code sites}. */
    public static LinkedHashMap<String, Object> status(JobMeta meta) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("jobId", meta.jobId());
        map.put("name", meta.name());
        map.put("study", meta.study());
        map.put("status", meta.status());
        map.put("submitTime", meta.submitTime());
        map.put("startTime", meta.startTime());
        map.put("duration", meta.duration());
        map.put("submitter", meta.submitterName());
        map.put("sites", sites(meta));
        return map;
    }

    /** Each site the job was deployed to, with its deployment result (FLARE's {@code job_deploy_detail}). */
    public static LinkedHashMap<String, Object> sites(JobMeta meta) {
        LinkedHashMap<String, Object> sites = new LinkedHashMap<>();
        for (String detail : meta.deployDetail()) {
            int colon = detail.indexOf(": ");
            if (colon > 0) {
                sites.put(detail.substring(0, colon), detail.substring(colon + 2));
            } else {
                sites.put(detail, null);
            }
        }
        return sites;
    }

    /** One line of {@code flareList}. */
    public static LinkedHashMap<String, Object> summary(JobSummary job) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("jobId", job.jobId());
        map.put("name", job.jobName());
        map.put("status", job.status());
        map.put("submitTime", job.submitTime());
        map.put("duration", job.duration());
        map.put("study", job.study());
        return map;
    }

    /** A deep copy of JSON-like data: maps, lists, JDK numbers, booleans and strings; anything else as text. */
    public static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return scalar(value);
    }

    /**
     * Like {@link #plain}, for answers whose size FLARE decides ({@code flareStats}): at most {@code maxValues} values
     * and {@link #MAX_DEPTH} levels, texts cut at {@link #MAX_TEXT} characters; what is left out is marked with
     * {@value #TRUNCATED}: true in the map where it was.
     */
    public static Object bounded(Object value, int maxValues) {
        return bounded(value, new int[] {maxValues}, 0);
    }

    /** The key that marks a map as cut short by {@link #bounded}. */
    public static final String TRUNCATED = "truncated";

    static final int MAX_DEPTH = 16;
    static final int MAX_TEXT = 4096;

    private static Object bounded(Object value, int[] budget, int depth) {
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (budget[0] <= 0 || depth >= MAX_DEPTH) {
                    copy.put(TRUNCATED, true);
                    break;
                }
                budget[0]--;
                copy.put(cut(String.valueOf(e.getKey())), bounded(e.getValue(), budget, depth + 1));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object v : list) {
                if (budget[0] <= 0 || depth >= MAX_DEPTH) {
                    break;
                }
                budget[0]--;
                copy.add(bounded(v, budget, depth + 1));
            }
            return copy;
        }
        Object scalar = scalar(value);
        return scalar instanceof String text ? cut(text) : scalar;
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /** A value the channel's class filter accepts: JDK numbers, booleans and strings as they are; anything else as text. */
    public static Object scalar(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Float
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        return String.valueOf(value);
    }
}
