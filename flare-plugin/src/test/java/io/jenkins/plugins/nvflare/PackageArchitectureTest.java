package io.jenkins.plugins.nvflare;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.Run;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages and the direction of their dependencies, as analysis-model and warnings-ng check theirs:
 * steps and freestyle → follow → run → agent, credentials, ui → model; everything may use the root (global
 * configuration, transport, settings, messages); nothing goes back up, and no two packages need each other.
 */
class PackageArchitectureTest {

    private static final String ROOT = "io.jenkins.plugins.nvflare";

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        JavaClasses all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        plugin = all.that(not(resideInAPackage(ROOT + ".client..")));
    }

    @Test
    void layersDependDownwardOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Root")
                .definedBy(ROOT)
                .layer("Credentials")
                .definedBy(ROOT + ".credentials..")
                .layer("Agent")
                .definedBy(ROOT + ".agent..")
                .layer("Model")
                .definedBy(ROOT + ".model..")
                .layer("Ui")
                .definedBy(ROOT + ".ui..")
                .layer("Run")
                .definedBy(ROOT + ".run..")
                .layer("Follow")
                .definedBy(ROOT + ".steps.follow..")
                .layer("Steps")
                .definedBy(ROOT + ".steps")
                .layer("Freestyle")
                .definedBy(ROOT + ".freestyle..")
                .whereLayer("Freestyle")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Steps")
                .mayOnlyBeAccessedByLayers("Freestyle")
                .whereLayer("Follow")
                .mayOnlyBeAccessedByLayers("Steps")
                .whereLayer("Run")
                .mayOnlyBeAccessedByLayers("Steps", "Follow", "Freestyle")
                .whereLayer("Ui")
                .mayOnlyBeAccessedByLayers("Run")
                .whereLayer("Model")
                .mayOnlyBeAccessedByLayers("Ui", "Run", "Freestyle")
                .whereLayer("Agent")
                .mayOnlyBeAccessedByLayers("Run", "Follow", "Steps", "Freestyle")
                .whereLayer("Credentials")
                .mayOnlyBeAccessedByLayers("Run", "Follow", "Steps", "Freestyle")
                .check(plugin);
    }

    /** What runs on an agent has no controller there: no build, no job, no Jenkins, no global configuration. */
    @Test
    void agentCallsNeverTouchTheController() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".agent..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Run.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Job.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Jenkins.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(ExtensionList.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(FlareGlobalConfiguration.class)
                .check(plugin);
    }

    /** The build page reads the build's records; it never runs anything on an agent or in FLARE. */
    @Test
    void theUiOnlyReadsRecords() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".ui..", ROOT + ".model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".agent..", ROOT + ".run..", ROOT + ".client.cli..", ROOT + ".client.f3..")
                .check(plugin);
    }

    /** The root (global configuration, transport, settings, messages) is the plugin's base: it needs no other package. */
    @Test
    void theRootNeedsNoOtherPackage() {
        noClasses()
                .that()
                .resideInAPackage(ROOT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".credentials..",
                        ROOT + ".agent..",
                        ROOT + ".model..",
                        ROOT + ".ui..",
                        ROOT + ".run..",
                        ROOT + ".steps..",
                        ROOT + ".freestyle..")
                .check(plugin);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(plugin);
    }
}
