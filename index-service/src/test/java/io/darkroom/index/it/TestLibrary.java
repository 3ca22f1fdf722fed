package io.darkroom.index.it;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.platform.storage.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A test profile's library root: where a test's files go, and the events ingest would publish for them. */
record TestLibrary(String root, Path folder) {

    /** A path under a fresh folder of the root ({@code prefix-xxxxxxxx/relative}), so tests never share files. */
    Path file(String prefix, String relative) {
        return folder.resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).resolve(relative);
    }

    FileLocation location(Path file) {
        return new FileLocation(root, folder.relativize(file).toString().replace('\\', '/'));
    }

    /** What ingest publishes for the file as it is now. */
    FileDiscovered discovered(Path file) throws IOException {
        return FileDiscovered.of(location(file), ContentHash.of(file), Files.size(file),
                Files.getLastModifiedTime(file).toInstant());
    }
}
