package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Descriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.steps.FlareAbortStep;
import io.jenkins.plugins.nvflare.steps.FlareCloneStep;
import io.jenkins.plugins.nvflare.steps.FlareDeleteStep;
import io.jenkins.plugins.nvflare.steps.FlareDownloadStep;
import io.jenkins.plugins.nvflare.steps.FlareListStep;
import io.jenkins.plugins.nvflare.steps.FlareLogLevelStep;
import io.jenkins.plugins.nvflare.steps.FlareLogsStep;
import io.jenkins.plugins.nvflare.steps.FlareStatsStep;
import io.jenkins.plugins.nvflare.steps.FlareStatusStep;
import io.jenkins.plugins.nvflare.steps.FlareSubmitStep;
import io.jenkins.plugins.nvflare.steps.FlareWaitStep;
import java.util.List;
import java.util.Map;
import org.htmlunit.Page;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Help for every parameter: in the Pipeline Steps Reference and behind each form field. */
@WithJenkins
class HelpFilesTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        j = rule;
    }

    /** The Steps Reference reads {@code help.html} and {@code help-<parameter>.html} from the step's class hierarchy. */
    @Test
    void everyStepParameterHasHelpInTheStepsReference() throws Exception {
        for (Class<? extends Step> step : List.of(
                FlareSubmitStep.class,
                FlareWaitStep.class,
                FlareLogsStep.class,
                FlareDownloadStep.class,
                FlareStatusStep.class,
                FlareAbortStep.class,
                FlareListStep.class,
                FlareStatsStep.class,
                FlareCloneStep.class,
                FlareDeleteStep.class,
                FlareLogLevelStep.class)) {
            DescribableModel<?> model = DescribableModel.of(step);
            assertNotNull(model.getHelp(), step.getSimpleName() + " has no help.html");
            for (DescribableParameter p : model.getParameters()) {
                assertNotNull(p.getHelp(), step.getSimpleName() + "." + p.getName() + " has no help");
            }
        }
    }

    /** Each builder field's help link resolves (to its own or its Pipeline twin's help) and answers. */
    @Test
    void everyBuilderFieldHasHelp() throws Exception {
        Map<Class<? extends Builder>, List<String>> fields = Map.of(
                FlareSubmitBuilder.class,
                        List.of(
                                "jobFolder",
                                "submitToken",
                                "wait",
                                "timeout",
                                "interval",
                                "metrics",
                                "abortOnInterrupt",
                                "propagate"),
                FlareLogsBuilder.class, List.of("jobId", "site", "tail", "since", "maxBytes", "toConsole", "file"),
                FlareDownloadBuilder.class, List.of("jobId", "outputDir", "force", "archive"));
        List<String> common = List.of("credentialsId", "study", "transport", "nvflare", "connectTimeout");
        JenkinsRule.WebClient wc = j.createWebClient();
        for (var e : fields.entrySet()) {
            Descriptor<?> d = j.jenkins.getDescriptorOrDie(e.getKey());
            for (String field : concat(common, e.getValue())) {
                String url = j.executeOnServer(() -> d.getHelpFile(field));
                assertNotNull(url, e.getKey().getSimpleName() + "." + field + " has no help");
                Page page = wc.goTo(url.substring(1), null);
                assertEquals(200, page.getWebResponse().getStatusCode(), url);
                assertTrue(page.getWebResponse().getContentAsString().contains("<div>"), url);
            }
        }
        String jobIdHelp = wc.goTo(
                        j.executeOnServer(() -> j.jenkins
                                        .getDescriptorOrDie(FlareLogsBuilder.class)
                                        .getHelpFile("jobId"))
                                .substring(1),
                        null)
                .getWebResponse()
                .getContentAsString();
        assertTrue(jobIdHelp.contains("FLARE_JOB_ID"), "the builders' own jobId help: " + jobIdHelp);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
