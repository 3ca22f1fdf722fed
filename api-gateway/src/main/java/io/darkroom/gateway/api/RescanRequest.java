package io.darkroom.gateway.api;

/** Body of {@code POST /api/v1/library/rescan}: a root, and optionally a folder inside it. */
public record RescanRequest(String root, String folder) {
}
