package io.darkroom.platform.storage;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Where derived files live; never inside a library root, because originals are never modified. */
@ConfigMapping(prefix = "darkroom.storage")
public interface StorageConfig {

    /** The derived-files folder (thumbnails, transcodes, sidecars), addressed by content hash. */
    Path path();
}
