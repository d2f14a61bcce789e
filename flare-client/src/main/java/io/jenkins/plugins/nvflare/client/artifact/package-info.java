/** Finds the artifacts worth archiving in a downloaded FLARE job folder. */
package io.jenkins.plugins.nvflare.client.artifact;
