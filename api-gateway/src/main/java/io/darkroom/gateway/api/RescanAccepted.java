package io.darkroom.gateway.api;

import java.util.UUID;

/** The answer to a rescan request: the command is on its way to ingest-service (its id shows in ingest's log). */
public record RescanAccepted(UUID commandId, String root, String folder) {
}
