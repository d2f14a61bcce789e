package io.jenkins.plugins.nvflare.ui;

import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import io.jenkins.plugins.echarts.JenkinsPalette;
import io.jenkins.plugins.nvflare.Messages;
import java.util.ArrayList;
import java.util.Collection;
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
        model.setDomainAxisItemName(Messages.RoundChart_round());
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
        return withLines(model, names, rounds.values());
    }

    /**
     * Adds a line per name with a point per row (a row without that name counts as 0), in the Jenkins chart colours, and
     * scales the y axis to the data. Shared with the job page's trends ({@link FlareTrendAction}).
     */
    static LinesChartModel withLines(
            LinesChartModel model, Collection<String> names, Collection<Map<String, Double>> rows) {
        int line = 0;
        for (String name : names) {
            List<Double> data = new ArrayList<>();
            for (Map<String, Double> values : rows) {
                data.add(values.getOrDefault(name, 0.0));
            }
            model.addSeries(new LineSeries(
                    name,
                    JenkinsPalette.chartColor(line++).normal(),
                    LineSeries.StackedMode.SEPARATE_LINES,
                    LineSeries.FilledMode.LINES,
                    data));
        }
        model.useContinuousRangeAxis();
        return model;
    }
}
