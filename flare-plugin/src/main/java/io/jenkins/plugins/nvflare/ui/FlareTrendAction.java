package io.jenkins.plugins.nvflare.ui;

import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.line.LinesChartModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.util.ArrayList;
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
 * metrics of each build's FLARE jobs, their duration, and how many completed or did not. Read from the builds'
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
        return new Trend(job, jobs -> {
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
        });
    }

    /** Seconds the build's FLARE jobs ran, summed. */
    public Trend getDuration() {
        return new Trend(job, jobs -> {
            double seconds = 0;
            boolean any = false;
            for (JobRecord record : jobs) {
                if (record.getDurationSeconds() != null) {
                    seconds += record.getDurationSeconds();
                    any = true;
                }
            }
            return any ? Map.of(Messages.FlareTrendAction_duration(), seconds) : Map.of();
        });
    }

    /** How many of the build's FLARE jobs completed and how many did not (failed, aborted, abandoned, timed out). */
    public Trend getOutcomes() {
        return new Trend(job, jobs -> {
            double completed = 0;
            double other = 0;
            for (JobRecord record : jobs) {
                if ("COMPLETED".equals(record.getOutcome())) {
                    completed++;
                } else if (record.getOutcome() != null) {
                    other++;
                }
            }
            Map<String, Double> counts = new LinkedHashMap<>();
            if (completed + other > 0) {
                counts.put(Messages.FlareTrendAction_completed(), completed);
                counts.put(Messages.FlareTrendAction_notCompleted(), other);
            }
            return counts;
        });
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
        private final Job<?, ?> job;
        private final Function<List<JobRecord>, Map<String, Double>> values;

        Trend(Job<?, ?> job, Function<List<JobRecord>, Map<String, Double>> values) {
            this.job = job;
            this.values = values;
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
            return new JacksonFacade()
                    .toJson(RoundChart.withLines(new LinesChartModel(p.labels(), p.numbers()), names, p.values()));
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

    /** Adds the trend to jobs whose last completed build ran FLARE jobs (it shows from two such builds on). */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> last = target.getLastCompletedBuild();
            return last == null || last.getAction(FlareBuildAction.class) == null
                    ? List.of()
                    : List.of(new FlareTrendAction(target));
        }
    }
}
