package io.jenkins.plugins.nvflare.credentials;

import hudson.model.Failure;
import hudson.util.HttpResponses;
import io.jenkins.plugins.nvflare.Messages;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Serial;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * A credential's content is not an NVIDIA FLARE admin startup kit; the message names the credential. Thrown
 * from the credential's constructor: configuration as code reports the message, and a credentials form
 * gets it as its answer. Stapler passes a constructor's {@link HttpResponse} through to the web method, and
 * renders it, unless it is an {@code IllegalArgumentException}, which form binding wraps:
 * an error notification in the credentials dialog, which asks for JSON as for "Credentials with
 * specified ID already exist", or Jenkins' error page for a plain form post.
 */
final class InvalidStartupKitException extends RuntimeException implements HttpResponse {

    @Serial
    private static final long serialVersionUID = 1L;

    InvalidStartupKitException(String credentialsId, String reason) {
        super(Messages.InvalidStartupKitException_message(credentialsId, reason.strip()));
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        String accept = req.getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            HttpResponses.okJSON(
                            new JSONObject().element("message", getMessage()).element("notificationType", "ERROR"))
                    .generateResponse(req, rsp, node);
        } else {
            new Failure(getMessage()).generateResponse(req, rsp, node);
        }
    }
}
