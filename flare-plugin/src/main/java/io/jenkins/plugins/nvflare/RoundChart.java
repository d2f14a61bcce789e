package io.jenkins.plugins.nvflare;

import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import io.jenkins.plugins.echarts.JenkinsPalette;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** A job's metrics per round as an echarts-api line chart: rounds on the x axis, one line per metric. */
final class RoundChart {

    private RoundChart() {}

    /** Metrics every round reports get a line: a line with holes would be drawn as if it had values. */
    static LinesChartModel of(SortedMap<Integer, Map<String, Double>> rounds) {
        LinesChartModel model = new LinesChartModel();
        model.setDomainAxisItemName("Round");
        List<String> labels = new ArrayList<>();
        for (Integer round : rounds.keySet()) {
            labels.add(String.valueOf(round));
        }
        model.setDomainAxisLabels(labels);
        Set<String> names = new LinkedHashSet<>();
        rounds.values().stream().findFirst().ifPresent(first -> names.addAll(first.keySet()));
        for (Map<String, Double> values : rounds.values()) {
            names.retainAll(values.keySet());
        }
        int line = 0;
        for (String name : names) {
            List<Double> data = new ArrayList<>();
            for (Map<String, Double> values : rounds.values()) {
                data.add(values.get(name));
            }
            model.addSeries(new LineSeries(name, JenkinsPalette.chartColor(line++).normal(),
                    LineSeries.StackedMode.SEPARATE_LINES, LineSeries.FilledMode.LINES, data));
        }
        model.useContinuousRangeAxis();
        return model;
    }
}
