package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.html.HtmlTextInput;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The forms as a user meets them in the browser (HtmlUnit with JavaScript): no error before input, a wrong value
 * said at once, the wait options only with Wait, and snippets with named parameters.
 */
@WithJenkins
class FormsInTheBrowserTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    /**
     * The three FLARE build steps as "Add build step" puts them in a form, nothing typed yet: no validation message
     * at all (it used to say "The job folder is required." and "Select the NVFlare admin startup kit credential."
     * three times). A wrong value is then said as soon as it is typed.
     */
    @Test
    void aFreshFreestyleFormShowsNoErrorBeforeInput() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fresh");
        p.getBuildersList().add(new FlareSubmitBuilder(null, null));
        p.getBuildersList().add(new FlareLogsBuilder(null));
        p.getBuildersList().add(new FlareDownloadBuilder(null));
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(p, "configure");
        wc.waitForBackgroundJavaScript(10_000);

        assertEquals(List.of(), messages(page), "validation messages on a fresh form");
        String text = page.asNormalizedText();
        assertTrue(text.contains("Timeout (seconds, 0 = none)") && text.contains("Poll interval (seconds)"), text);

        type(page, "_.since", "yesterday");
        type(page, "_.site", "site 1");
        type(page, "_.file", "../../etc/passwd");
        type(page, "_.outputDir", "/tmp/flare-results");
        wc.waitForBackgroundJavaScript(10_000);
        List<String> said = messages(page);
        assertTrue(said.contains(Messages.FieldRules_since()), said::toString);
        assertTrue(said.contains(Messages.FieldRules_site()), said::toString);
        assertTrue(said.contains("Log file '../../etc/passwd' leads out of the workspace."), said::toString);
        assertTrue(
                said.contains("Output folder '/tmp/flare-results' must be relative to the workspace."), said::toString);
    }

    /** Freestyle "Submit": the timeout, poll interval and the other wait options show only while Wait is checked. */
    @Test
    void theFreestyleWaitOptionsShowOnlyWithWait() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("wait");
        p.getBuildersList().add(new FlareSubmitBuilder("jobs/hello-numpy", FlareFixture.KIT_ID));
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(p, "configure");
        wc.waitForBackgroundJavaScript(10_000);
        HtmlCheckBoxInput wait = page.querySelector("input[name='_.wait']");
        assertTrue(wait.isChecked());
        for (String option : List.of("_.timeout", "_.interval", "_.metrics", "_.abortOnInterrupt", "_.propagate")) {
            assertFalse(hidden(page, option), option + " with Wait");
        }
        wait.click();
        wc.waitForBackgroundJavaScript(5_000);
        for (String option : List.of("_.timeout", "_.interval", "_.metrics", "_.abortOnInterrupt", "_.propagate")) {
            assertTrue(hidden(page, option), option + " without Wait");
        }
        wait.click();
        wc.waitForBackgroundJavaScript(5_000);
        assertFalse(hidden(page, "_.timeout"));
    }

    /**
     * The snippet generator: flareSubmit's fresh form says nothing before input, its wait options show only with
     * Wait (unchecked for the step), and flareList's snippet names its credential.
     */
    @Test
    void theSnippetGenerator() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "snippets");
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.goTo(p.getUrl() + "pipeline-syntax");
        pick(page, "flareSubmit:");
        wc.waitForBackgroundJavaScript(10_000);
        assertNotNull(page.querySelector("input[name='_.jobFolder']"), "flareSubmit's form");
        assertEquals(List.of(), messages(page), "validation messages on flareSubmit's fresh form");
        HtmlCheckBoxInput wait = page.querySelector("input[name='_.wait']");
        assertFalse(wait.isChecked());
        assertTrue(hidden(page, "_.timeout"), "timeout without Wait");
        assertTrue(hidden(page, "_.interval"), "interval without Wait");
        wait.click();
        wc.waitForBackgroundJavaScript(5_000);
        assertFalse(hidden(page, "_.timeout"), "timeout with Wait");

        page = wc.goTo(p.getUrl() + "pipeline-syntax");
        pick(page, "flareList:");
        wc.waitForBackgroundJavaScript(10_000);
        assertEquals(List.of(), messages(page), "validation messages on flareList's fresh form");
        HtmlSelect credentials = page.querySelector("select[name='_.credentialsId']");
        credentials.setSelectedAttribute(credentials.getOptionByValue(FlareFixture.KIT_ID), true);
        HtmlElement generate = page.querySelector("#generatePipelineScript");
        generate.click();
        wc.waitForBackgroundJavaScript(10_000);
        HtmlTextArea snippet = page.querySelector("#prototypeText");
        assertEquals(
                "flareList credentialsId: '" + FlareFixture.KIT_ID + "'",
                snippet.getText().trim());
    }

    /**
     * Every FLARE step's snippet names its parameters, with only the required ones set too; a positional
     * {@code flareList 'kit'} (as the snippet generator used to write it) still runs, the step having one required
     * parameter.
     */
    @Test
    void everySnippetNamesItsParameters() throws Exception {
        List<Step> steps = List.of(
                new FlareSubmitStep("jobs/hello-numpy", "kit"),
                new FlareWaitStep("e44ccf11", "kit"),
                new FlareStatusStep("e44ccf11", "kit"),
                new FlareAbortStep("e44ccf11", "kit"),
                new FlareStatsStep("e44ccf11", "kit"),
                new FlareListStep("kit"),
                new FlareCloneStep("e44ccf11", "kit"),
                new FlareDeleteStep("e44ccf11", "kit"),
                new FlareLogLevelStep("e44ccf11", "DEBUG", "kit"),
                new FlareLogsStep("e44ccf11", "kit"),
                new FlareDownloadStep("e44ccf11", "kit"));
        for (Step step : steps) {
            String snippet = Snippetizer.object2Groovy(step);
            assertTrue(snippet.contains("credentialsId: 'kit'"), snippet);
        }
        assertEquals(
                "credentialsId",
                DescribableModel.of(FlareListStep.class)
                        .getSoleRequiredParameter()
                        .getName());
    }

    /**
     * The run time applies the forms' rules (one rule each, {@link FieldRules}) before anything reaches FLARE, on
     * both transports: a Pipeline that skipped the form gets the same text.
     */
    @Test
    void theRunTimeRefusesWhatTheFormsRefuse() throws Exception {
        String logs = "flareLogs jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit', ";
        Map<String, String> refused = Map.of(
                logs + "since: 'yesterday'",
                "since 'yesterday' is not valid.",
                logs + "site: 'site 1'",
                "site 'site 1' is not valid.",
                logs + "file: '../../etc/passwd'",
                "Log file '../../etc/passwd' leads out of the workspace.",
                "flareDownload jobId: 'e44ccf11', credentialsId: 'flare-kit', outputDir: '/tmp/flare-results'",
                "Output folder '/tmp/flare-results' must be relative to the workspace.",
                "flareStats jobId: 'e44ccf11', credentialsId: 'flare-kit', site: 'site 1'",
                "site 'site 1' is not valid.");
        int n = 0;
        for (Map.Entry<String, String> call : refused.entrySet()) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "refused-" + n++);
            p.setDefinition(new CpsFlowDefinition("node { " + call.getKey() + " }", true));
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains(call.getValue(), b);
        }
        assertEquals(List.of(), flare.fake.calls(), "nothing reached FLARE");
    }

    private static void pick(HtmlPage page, String prefix) {
        HtmlSelect steps = page.querySelector("select.dropdownList");
        HtmlOption option = steps.getOptions().stream()
                .filter(o -> o.getText().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in the snippet generator"));
        steps.setSelectedAttribute(option, true);
    }

    private static void type(HtmlPage page, String name, String value) throws Exception {
        HtmlTextInput input = page.querySelector("input[name='" + name + "']");
        assertNotNull(input, name);
        input.setValue(value);
        input.fireEvent("change");
    }

    /**
     * The errors and warnings under the FLARE fields (a note such as the submit token's "Derived from the build" is
     * neither; Jenkins' own sections of a job form are left out).
     */
    private static List<String> messages(HtmlPage page) {
        List<String> texts = new ArrayList<>();
        // a job form's FLARE build steps, or the snippet generator's step form
        String flareForms = page.getUrl().getPath().contains("pipeline-syntax")
                ? ".dropdownList-container"
                : "[descriptorid^='io.jenkins.plugins.nvflare']";
        for (DomNode flare : page.querySelectorAll(flareForms)) {
            for (DomNode shown :
                    flare.querySelectorAll(".validation-error-area .error, .validation-error-area .warning")) {
                // the text, shown or not: a message in a collapsed section would greet the user when opening it
                String text = shown.getTextContent().trim();
                if (!text.isEmpty() && !texts.contains(text)) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    /** Whether the field is in a hidden part of the form (a collapsed optional block). */
    private static boolean hidden(HtmlPage page, String name) {
        DomElement field = page.querySelector("[name='" + name + "']");
        assertNotNull(field, name);
        for (DomNode n = field; n != null; n = n.getParentNode()) {
            if (n instanceof DomElement e && e.getAttribute("class").contains("form-container--hidden")) {
                return true;
            }
        }
        return false;
    }
}
