package io.jenkins.plugins.nvflare;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Util;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** The credentials dropdown and its check, shared by steps and builders. */
final class CredentialsFields {

    /** What a step can take its kit from: a startup-kit credential or a Secret file holding the kit zip. */
    private static final CredentialsMatcher KITS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StartupKitCredentials.class),
            CredentialsMatchers.instanceOf(FileCredentials.class));

    private CredentialsFields() {}

    static ListBoxModel fill(Item item, String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(credentialsId);
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), KITS);
        } else {
            result.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), KITS);
        }
        return result.includeCurrentValue(credentialsId);
    }

    static FormValidation check(Item item, String credentialsId) {
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (id == null) {
            return FormValidation.error("Select the NVFlare admin startup kit credential.");
        }
        if (id.contains("${")) {
            return FormValidation.warning("Resolved when the build runs.");
        }
        if (!CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, ACL.SYSTEM2, List.of(),
                        CredentialsMatchers.allOf(CredentialsMatchers.withId(id), KITS))
                .isEmpty()) {
            return FormValidation.ok();
        }
        boolean other = !CredentialsProvider.listCredentialsInItem(
                        StandardCredentials.class, item, ACL.SYSTEM2, List.of(), CredentialsMatchers.withId(id))
                .isEmpty();
        return other
                ? FormValidation.error("Credential " + id + " is neither an NVFlare admin startup kit nor a Secret file.")
                : FormValidation.error("No such credential: " + id);
    }
}
