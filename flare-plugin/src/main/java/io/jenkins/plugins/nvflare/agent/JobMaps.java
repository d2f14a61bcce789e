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
