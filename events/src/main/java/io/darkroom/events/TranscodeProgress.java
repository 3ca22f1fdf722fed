package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A transcode is running: how far it got ({@code percent}, 0..100, of the video's duration) and how fast it goes
 * ({@code fps}, frames encoded per second). For the UI; published at most every few seconds per video, best effort.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscodeProgress(
        UUID eventId,
        Instant occurredAt,
        int schemaVersion,
        String contentHash,
        double percent,
        double fps) implements DarkroomEvent {

    public static TranscodeProgress of(String contentHash, double percent, double fps) {
        return new TranscodeProgress(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, contentHash, percent, fps);
    }

    @Override
    public String key() {
        return contentHash;
    }
}
