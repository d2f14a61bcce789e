package io.jenkins.plugins.nvflare.ui;

import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.echarts.JenkinsPalette;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import jenkins.model.TransientActionFactory;
import jenkins.util.SystemProperties;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * The job page's FLARE trends, drawn by echarts-api's trend chart like the JUnit and coverage trends: the final
 * metrics of each build's FLARE jobs, their duration in seconds, and how many completed, failed or did not finish
 * (in the colours Jenkins gives build results). Read from the builds'
 * {@link FlareBuildAction}s; nothing is stored.
 */
public final class FlareTrendAction implements Action {

    /**
     * The trends look at this many of the newest completed builds, with or without FLARE jobs, so that a page view
     * loads a bounded number of builds however long the history (like the JUnit trend's build count); a system property.
     */
    static int maxBuilds() {
        return SystemProperties.getInteger(FlareTrendAction.class.getName() + ".maxBuilds", 50);
    }

    private final Job<?, ?> job;

    FlareTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    /**
     * Final metrics per build: the last round FLARE recorded (its aggregated metrics), overlaid with the monitor's last
     * metrics, of the build's FLARE jobs (a later job's value wins).
     */
    public Trend getMetrics() {
        return new Trend(
                job,
                jobs -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (JobRecord record : jobs) {
                        SortedMap<Integer, Map<String, Double>> rounds = record.getRounds();
                        if (!rounds.isEmpty()) {
                            values.putAll(rounds.get(rounds.lastKey()));
                        }
                        record.getMetrics().forEach((name, value) -> {
                            Double number = number(value);
                            if (number != null && !name.equals("round")) {
                                values.put(name, number);
                            }
                        });
                    }
                    return values;
                },
                Trend.Style.METRICS);
    }

    /** Seconds the build's FLARE jobs ran, summed; failed and aborted jobs count with the time they ran. */
    public Trend getDuration() {
        return new Trend(
                job,
                jobs -> {
                    double seconds = 0;
                    boolean any = false;
                    for (JobRecord record : jobs) {
                        if (record.getDurationSeconds() != null) {
                            seconds += record.getDurationSeconds();
                            any = true;
                        }
                    }
                    return any ? Map.of(Messages.FlareTrendAction_duration(), seconds) : Map.of();
                },
                Trend.Style.DURATION);
    }

    /**
     * How the build's FLARE jobs ended: completed (green), failed or aborted (red), or not finished while the build
     * followed them (grey: the build ended first, or its wait timed out), so that every build with FLARE jobs,
     * failed builds included, has a point. A job the build only submitted or asked about counts by the last status
     * it saw.
     */
    public Trend getOutcomes() {
        return new Trend(
                job,
                jobs -> {
                    double completed = 0;
                    double failed = 0;
                    double unfinished = 0;
                    for (JobRecord record : jobs) {
                        switch (outcome(record)) {
                            case COMPLETED -> completed++;
                            case FAILED -> failed++;
                            default -> unfinished++;
                        }
                    }
                    Map<String, Double> counts = new LinkedHashMap<>();
                    if (!jobs.isEmpty()) {
                        counts.put(Messages.FlareTrendAction_completed(), completed);
                        counts.put(Messages.FlareTrendAction_failed(), failed);
                        counts.put(Messages.FlareTrendAction_unfinished(), unfinished);
                    }
                    return counts;
                },
                Trend.Style.OUTCOMES);
    }

    /** The outcome classes of the outcome trend. */
    enum Outcome {
        COMPLETED,
        FAILED,
        UNFINISHED
    }

    /**
     * A job's class: its outcome when the build saw it end (TIMEOUT is the wait's, not the job's: unfinished), else
     * the last status the build saw ({@code FINISHED:COMPLETED}, {@code FINISHED:EXECUTION_EXCEPTION}, ...).
     */
    static Outcome outcome(JobRecord record) {
        String outcome = record.getOutcome();
        if (outcome != null) {
            return switch (outcome) {
                case "COMPLETED" -> Outcome.COMPLETED;
                case "TIMEOUT" -> Outcome.UNFINISHED;
                default -> Outcome.FAILED;
            };
        }
        String status = record.getStatus();
        if (status != null && status.startsWith("FINISHED:")) {
            return status.equals("FINISHED:COMPLETED") ? Outcome.COMPLETED : Outcome.FAILED;
        }
        return Outcome.UNFINISHED;
    }

    private static Double number(String value) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One chart: a value per series for each build that has one. */
    public static final class Trend implements AsyncTrendChart {

        /** How a chart draws its series. */
        enum Style {
            /** A line per metric in the Jenkins chart colours. */
            METRICS,
            /** One line, in seconds. */
            DURATION,
            /** Stacked areas in the colours Jenkins gives results: success green, failure red, the rest grey. */
            OUTCOMES
        }

        private final Job<?, ?> job;
        private final Function<List<JobRecord>, Map<String, Double>> values;
        private final Style style;

        Trend(Job<?, ?> job, Function<List<JobRecord>, Map<String, Double>> values, Style style) {
            this.job = job;
            this.values = values;
            this.style = style;
        }

        /** Computed once per chart (the page asks whether it is visible, then for its model); no build is kept. */
        private transient Points points;

        /** The charted builds, oldest first: their names, numbers and each one's series → value. */
        private record Points(List<String> labels, List<Integer> numbers, List<Map<String, Double>> values) {}

        /** Those of the newest {@link #maxBuilds()} completed builds that have a value. */
        private synchronized Points points() {
            if (points == null) {
                List<String> labels = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                List<Map<String, Double>> rows = new ArrayList<>();
                int inspected = 0;
                for (Run<?, ?> run = job.getLastCompletedBuild();
                        run != null && inspected < maxBuilds();
                        run = run.getPreviousCompletedBuild(), inspected++) {
                    Map<String, Double> v = values.apply(FlareBuildAction.jobsOf(run));
                    if (!v.isEmpty()) {
                        labels.add(0, run.getDisplayName());
                        numbers.add(0, run.getNumber());
                        rows.add(0, v);
                    }
                }
                points = new Points(labels, numbers, rows);
            }
            return points;
        }

        @JavaScriptMethod
        @Override
        public String getBuildTrendModel() {
            Points p = points();
            Set<String> names = new LinkedHashSet<>();
            p.values().forEach(v -> names.addAll(v.keySet()));
            LinesChartModel model = new LinesChartModel(p.labels(), p.numbers());
            model.setDomainAxisItemName(Messages.FlareTrendAction_build());
            if (style == Style.OUTCOMES) {
                outcomeAreas(model, p.values());
            } else if (style == Style.DURATION) {
                List<Double> data = new ArrayList<>();
                p.values().forEach(v -> data.add(v.getOrDefault(Messages.FlareTrendAction_duration(), 0.0)));
                model.addSeries(new LineSeries(
                        Messages.FlareTrendAction_duration(),
                        JenkinsPalette.BLUE.normal(),
                        LineSeries.StackedMode.SEPARATE_LINES,
                        LineSeries.FilledMode.LINES,
                        data));
                model.useContinuousRangeAxis();
            } else {
                RoundChart.withLines(model, names, p.values());
            }
            return new JacksonFacade().toJson(model);
        }

        /** Completed, failed, unfinished: stacked, in the result colours, with whole numbers on the axis. */
        private static void outcomeAreas(LinesChartModel model, List<Map<String, Double>> rows) {
            String[] names = {
                Messages.FlareTrendAction_completed(),
                Messages.FlareTrendAction_failed(),
                Messages.FlareTrendAction_unfinished()
            };
            String[] colours = {JenkinsPalette.GREEN.normal(), JenkinsPalette.RED.normal(), JenkinsPalette.GREY.normal()
            };
            for (int i = 0; i < names.length; i++) {
                List<Double> data = new ArrayList<>();
                for (Map<String, Double> row : rows) {
                    data.add(row.getOrDefault(names[i], 0.0));
                }
                model.addSeries(new LineSeries(
                        names[i], colours[i], LineSeries.StackedMode.STACKED, LineSeries.FilledMode.FILLED, data));
            }
        }

        /** Like the JUnit trend: from two builds on. */
        @Override
        public boolean isTrendVisible() {
            return points().numbers().size() >= 2;
        }

        public String getUrlName() {
            return "flare-trend";
        }
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.FlareTrendAction_displayName();
    }

    /** No page of its own: the charts are on the job page. */
    @Override
    public String getUrlName() {
        return null;
    }

    /**
     * Adds the trend to jobs whose last completed, failed or successful build ran FLARE jobs (it shows from two such
     * builds on): a failed build before any FLARE step does not hide it. These builds are the job's permalinks, which
     * Jenkins caches; no other build is loaded for a page view here.
     */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Job<?, ?> job = target;
            for (Run<?, ?> run : Arrays.asList(
                    job.getLastCompletedBuild(), job.getLastFailedBuild(), job.getLastSuccessfulBuild())) {
                if (run != null && run.getAction(FlareBuildAction.class) != null) {
                    return List.of(new FlareTrendAction(job));
                }
            }
            return List.of();
        }
    }
}
