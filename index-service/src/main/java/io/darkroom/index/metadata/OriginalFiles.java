package io.darkroom.index.metadata;

import io.darkroom.events.FileLocation;
import io.darkroom.index.domain.FileState;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.ContentHash;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An original's content as it is now, for a re-index: the file may have changed since ingest-service hashed it, and
 * derived files are addressed by content, so the hash is taken again rather than trusted from the catalog. Runs on
 * a worker thread (a large video takes seconds), without the extraction pool's per-file deadline.
 */
@ApplicationScoped
public class OriginalFiles {

    private final LibraryRoots roots;

    public OriginalFiles(LibraryConfig library) {
        this.roots = LibraryRoots.from(library);
    }

    /** The file's state, or empty when it is not there (removed, or its root unavailable). Emits on a worker. */
    public Uni<Optional<FileState>> state(FileLocation location) {
        return Uni.createFrom().item(() -> read(location)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Optional<FileState> read(FileLocation location) {
        try {
            Path file = roots.resolveForReading(location);
            long size = Files.size(file);
            return Optional.of(new FileState(ContentHash.of(file), size, Files.getLastModifiedTime(file).toInstant()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
