package io.jenkins.plugins.nvflare.steps.follow;

import io.jenkins.plugins.nvflare.run.BuildRecorder;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Where a {@code flareSubmit} sits in its build, in terms that a {@code retry {}} attempt repeats: the enclosing
 * stages and parallel branches, the job folder (or script) and the study. Flow node ids are not used: every attempt, replay or
 * restart from a stage gets new ones. Together with the number of jobs the build already submitted from the same
 * place it gives the submit token ({@link BuildRecorder#nextSubmitToken}), so a submit whose answer was lost is
 * repeated with the same token and FLARE answers with the job it already has.
 */
final class SubmitIdentity {

    private SubmitIdentity() {}

    static String of(FlowNode node, String jobSource, String study) {
        StringBuilder path = new StringBuilder();
        if (node != null) {
            for (BlockStartNode block : node.iterateEnclosingBlocks()) {
                ThreadNameAction branch = block.getPersistentAction(ThreadNameAction.class);
                LabelAction label = block.getPersistentAction(LabelAction.class);
                if (branch != null) {
                    path.insert(0, "branch " + branch.getThreadName() + " / ");
                } else if (label != null) {
                    path.insert(0, "block " + label.getDisplayName() + " / ");
                }
            }
        }
        return path + "source " + jobSource + " / study " + study;
    }
}
