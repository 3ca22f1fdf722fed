package io.darkroom.index.persistence;

import io.darkroom.events.FileLocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code media_item.location_hash}: SHA-256 of {@code root:relativePath} (the location's Kafka key), 32 bytes. */
public final class LocationHash {

    private LocationHash() {
    }

    public static byte[] of(FileLocation location) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(location.key().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
