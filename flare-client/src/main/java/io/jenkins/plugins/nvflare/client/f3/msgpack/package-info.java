/**
 * Msgpack values as NVFlare's fobs serializer writes them ({@code msgpack.packb} with the library's
 * defaults: str and bin types, float64, smallest integers) and fobs' envelopes around them: the {@code lobs} section
 * header of every CellNet payload and the {@code __fobs_type__} maps of decomposed objects. Mirrors
 * {@code nvflare/fuel/utils/fobs/fobs.py} and {@code lobs.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.msgpack;
