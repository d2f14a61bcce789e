package io.jenkins.plugins.nvflare.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive copies that keep order, allow JSON nulls and stay serializable. */
final class Immutables {
    private Immutables() {}

    static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    static <T> List<T> list(List<T> source) {
        return source == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(source));
    }
}
