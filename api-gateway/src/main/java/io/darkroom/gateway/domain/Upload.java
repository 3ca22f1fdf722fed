package io.darkroom.gateway.domain;

import java.time.Instant;

/** An upload in progress (or done: {@code libraryPath} set). */
public record Upload(String id, long accountId, String fileName, long sizeBytes, long receivedBytes, String sha256,
        Instant createdAt, String libraryPath) {

    public boolean complete() {
        return libraryPath != null;
    }
}
