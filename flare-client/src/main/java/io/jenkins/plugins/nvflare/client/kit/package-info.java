/**
 * NVFlare admin startup kits: validated, read, and materialised from a zip into a private
 * temporary folder that is always deleted after use.
 */
package io.jenkins.plugins.nvflare.client.kit;
