package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * Where an original lives: the name of a configured library root and the path inside it, always with
 * forward slashes. Events never carry absolute paths, so every machine may mount the library elsewhere.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileLocation(String root, String relativePath) {

    public FileLocation {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(relativePath, "relativePath");
        if (root.isBlank() || root.contains(":")) {
            throw new IllegalArgumentException("A root name must be non-blank and contain no ':': " + root);
        }
        if (relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("\\")) {
            throw new IllegalArgumentException("Not a relative path with forward slashes: " + relativePath);
        }
    }

    /** The Kafka key of all events about this file: {@code root:relative/path}. */
    @JsonIgnore
    public String key() {
        return root + ":" + relativePath;
    }

    /** The file name, the last path segment. */
    @JsonIgnore
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    @Override
    public String toString() {
        return key();
    }
}
