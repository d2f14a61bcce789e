/**
 * NVFlare admin startup kits: validated, read, and materialised from a zip into a private
 * temporary folder that is always deleted after use; {@link io.jenkins.plugins.nvflare.client.kit.KitPem}
 * reads their PEM files, for the kit check and for the native transport.
 */
package io.jenkins.plugins.nvflare.client.kit;
