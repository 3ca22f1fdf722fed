package io.darkroom.index.domain;

import java.time.Instant;

/** An original as a re-index finds it on disk: its content's SHA-256, size and modification time. */
public record FileState(String contentHash, long sizeBytes, Instant modifiedAt) {
}
