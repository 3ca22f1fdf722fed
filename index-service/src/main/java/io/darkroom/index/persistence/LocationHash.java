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
        return sha256(location.key());
    }

    /** {@code media_item.folder_hash}: SHA-256 of {@code root:folder}, the folder being '' at the root's top. */
    public static byte[] folder(FileLocation location) {
        String path = location.relativePath();
        int slash = path.lastIndexOf('/');
        return sha256(location.root() + ":" + (slash < 0 ? "" : path.substring(0, slash)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
