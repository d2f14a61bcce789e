package io.jenkins.plugins.nvflare.steps.follow;

import hudson.model.Run;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import io.jenkins.plugins.nvflare.run.BuildRecorder;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Where a {@code flareSubmit} sits in its build, in terms that a {@code retry {}} attempt repeats: the enclosing
 * stages and parallel branches, the job folder (or script) and the study. Flow node ids are not used: every attempt, replay or
 * restart from a stage gets new ones. Together with the number of jobs the build already submitted from the same
 * place ({@link BuildRecorder#submitsFrom}) it gives the submit token, so a submit whose answer was lost is
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

    /** The token of the next submit from {@code identity} in {@code run}. */
    static String token(Run<?, ?> run, String identity) {
        int earlier = BuildRecorder.submitsFrom(run, identity);
        return SubmitTokens.forBuild(run.getParent().getFullName(), run.getNumber(), identity + " #" + earlier);
    }
}
