package io.jenkins.plugins.nvflare.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.nvflare.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.springframework.security.core.Authentication;

/**
 * The credentials dropdown and its check, shared by steps and builders. Both list what the job's
 * builds could use (the build's authentication), and only to users who may configure the job or use
 * its credentials.
 */
public final class CredentialsFields {

    /** What a step can take its kit from: a startup-kit credential or a Secret file holding the kit zip. */
    private static final CredentialsMatcher KITS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StartupKitCredentials.class),
            CredentialsMatchers.instanceOf(FileCredentials.class));

    private CredentialsFields() {}

    public static ListBoxModel fill(Item item, String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(credentialsId);
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), KITS);
        } else {
            result.includeMatchingAs(buildAuthentication(item), item, StandardCredentials.class, List.of(), KITS);
        }
        return result.includeCurrentValue(credentialsId);
    }

    public static FormValidation check(Item item, String credentialsId) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            // No error before the user chose: a fresh form shows none (the step says it at run time).
            return FormValidation.ok();
        }
        if (id.startsWith("${")) {
            return FormValidation.warning(Messages.CredentialsFields_parameter());
        }
        Authentication auth = buildAuthentication(item);
        if (!CredentialsProvider.listCredentialsInItem(
                        StandardCredentials.class,
                        item,
                        auth,
                        List.of(),
                        CredentialsMatchers.allOf(CredentialsMatchers.withId(id), KITS))
                .isEmpty()) {
            return FormValidation.ok();
        }
        boolean other = !CredentialsProvider.listCredentialsInItem(
                        StandardCredentials.class, item, auth, List.of(), CredentialsMatchers.withId(id))
                .isEmpty();
        return other
                ? FormValidation.error(Messages.CredentialsFields_wrongKind(id))
                : FormValidation.error(Messages.CredentialsFields_missing(id));
    }

    /** Jenkins administrators outside a job; in a job, who may configure it or use its credentials. */
    private static boolean mayList(Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Who the item's builds run as; SYSTEM outside a job (Jenkins-level credentials, administrators only). */
    private static Authentication buildAuthentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
