package io.darkroom.gateway.api;

import io.darkroom.events.FileLocation;
import io.darkroom.gateway.domain.MediaFile;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where an item's files are, and the answers for them (shared by the signed-in and the share-link endpoints): the
 * original under its library root (no {@code ..}, no symlink out of it), the playable copy under the derived-files
 * folder. Call on a worker thread: these ask the file system.
 */
@ApplicationScoped
public class MediaFiles {

    /** How long a client is asked to wait before trying an unavailable root again. */
    private static final Duration ROOT_RETRY = Duration.ofSeconds(30);

    private final Optional<LibraryRoots> roots;
    private final StorageLayout storage;
    private final FileDelivery delivery;

    public MediaFiles(LibraryConfig library, StorageConfig storage, FileDelivery delivery) {
        this.roots = library.roots().isEmpty() ? Optional.empty() : Optional.of(LibraryRoots.from(library));
        this.storage = StorageLayout.from(storage);
        this.delivery = delivery;
    }

    public Response original(MediaFile file, boolean download, Request request, HttpHeaders headers,
            String caching) {
        if (!file.inLibrary()) {
            throw new RefusedException(404, "This item's file is no longer in the library.");
        }
        java.nio.file.Path path;
        try {
            LibraryRoots known = roots.orElseThrow(() -> new RefusedException(503,
                    "The library is not mounted on this gateway (darkroom.library.roots)."));
            try {
                path = known.resolveForReading(new FileLocation(file.root(), file.relativePath()));
            } catch (IOException e) {
                if (known.isUnavailable(file.root())) {
                    throw new RefusedException(503, "The library root '" + file.root() + "' is unavailable (not"
                            + " mounted or not readable); try again once it is back.", ROOT_RETRY);
                }
                throw new RefusedException(404, "The file is not where the catalog says: it was moved or removed.");
            }
        } catch (IllegalArgumentException e) {
            throw new RefusedException(404, "This item's file cannot be served from this gateway.");
        }
        EntityTag tag = file.contentHash() == null ? null : new EntityTag(file.contentHash());
        return delivery.send(path, file.mimeType(), tag, file.fileName(), download, request, headers, caching);
    }

    public Response video(MediaFile file, Request request, HttpHeaders headers, String caching) {
        if (!file.video()) {
            throw new RefusedException(404, "This item is not a video.");
        }
        if (!"DONE".equals(file.transcodeStatus())) {
            throw new RefusedException(404, "FAILED".equals(file.transcodeStatus())
                    ? "This video could not be made playable (see the item's failure)."
                    : "The playable copy of this video is not made yet; try again shortly.");
        }
        if (file.transcodePath() == null) {
            return original(file, false, request, headers, caching); // it plays as it is
        }
        java.nio.file.Path path;
        try {
            path = storage.resolve(file.transcodePath());
        } catch (IllegalArgumentException e) {
            throw new RefusedException(404, "The playable copy cannot be served from this gateway.");
        }
        return delivery.send(path, "video/mp4", new EntityTag(file.contentHash() + "-video"),
                baseName(file.fileName()) + ".mp4", false, request, headers, caching);
    }

    private static String baseName(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName == null ? "video" : fileName;
    }
}
