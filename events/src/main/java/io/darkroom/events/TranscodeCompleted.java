package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** transcode-service finished a video; {@code storagePath} is null when the original is served as is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscodeCompleted(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contentHash,
        TranscodeOutcome outcome,
        String storagePath,
        String videoCodec,
        String audioCodec,
        Long sizeBytes,
        Long durationMillis) implements DarkroomEvent {

    public static TranscodeCompleted of(String contentHash, TranscodeOutcome outcome, String storagePath,
            String videoCodec, String audioCodec, Long sizeBytes, Long durationMillis) {
        return new TranscodeCompleted(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, outcome,
                storagePath, videoCodec, audioCodec, sizeBytes, durationMillis);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
