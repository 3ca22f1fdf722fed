package io.darkroom.platform.library;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Map;

/** The library roots, shared by every service that reads originals. */
@ConfigMapping(prefix = "darkroom.library")
public interface LibraryConfig {

    /**
     * Root name to folder, e.g. {@code darkroom.library.roots.family=/mnt/storagebox/photos}. Events name the
     * root, never the folder, so each machine may mount it elsewhere.
     */
    Map<String, Path> roots();
}
