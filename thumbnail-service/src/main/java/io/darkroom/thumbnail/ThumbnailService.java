package io.darkroom.thumbnail;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import io.darkroom.thumbnail.media.MediaDecoder;
import io.darkroom.thumbnail.media.OpenCvThumbnailer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Turns one indexed image into the standard set of sizes under the derived-files folder. */
@ApplicationScoped
public class ThumbnailService {

    private static final Logger LOG = Logger.getLogger(ThumbnailService.class);

    private final LibraryRoots roots;
    private final StorageLayout storage;
    private final OpenCvThumbnailer thumbnailer;
    private final ThumbnailConfig config;
    private final MeterRegistry metrics;

    ThumbnailService(LibraryConfig library, StorageConfig storage, ThumbnailConfig config, MeterRegistry metrics) {
        this.roots = LibraryRoots.from(library);
        this.storage = StorageLayout.from(storage);
        this.thumbnailer = new OpenCvThumbnailer(config.jpegQuality(),
                new MediaDecoder.Limits(config.maxPixels(), config.maxDecodedPixels(), config.maxFileBytes()));
        this.config = config;
        this.metrics = metrics;
    }

    /** The event to publish for this item, or empty when thumbnails do not apply (yet) to its kind. */
    public Optional<DarkroomEvent> process(MediaIndexed item) throws IOException {
        if (item.kind() == MediaKind.SIDECAR) {
            metrics.counter("darkroom_thumbnail_items_skipped", "kind", String.valueOf(item.kind())).increment();
            return Optional.empty();
        }
        try {
            ThumbnailsGenerated generated = generate(item);
            metrics.counter("darkroom_thumbnail_items_completed").increment();
            return Optional.of(generated);
        } catch (ThumbnailFailure failure) {
            LOG.warnf("No thumbnails for %s: %s", item.location(), failure.getMessage());
            metrics.counter("darkroom_thumbnail_items_failed", "kind", failure.kind().name()).increment();
            return Optional.of(ProcessingFailed.of(item.contentHash(), item.location(), ProcessingStage.THUMBNAIL,
                    failure.kind(), failure.getMessage()));
        } catch (NoSuchFileException gone) {
            // The file was removed after indexing; ingest-service reports the removal.
            LOG.infof("Skipping %s: the original is gone", item.location());
            return Optional.empty();
        }
    }

    private ThumbnailsGenerated generate(MediaIndexed item) throws IOException, ThumbnailFailure {
        if (item.kind() != MediaKind.VIDEO && item.width() != null && item.height() != null
                && (long) item.width() * item.height() > config.maxPixels()) {
            throw new ThumbnailFailure(FailureKind.TOO_LARGE, "The image has %d x %d pixels, over the limit of %d"
                    .formatted(item.width(), item.height(), config.maxPixels()));
        }
        Path original = roots.resolveForReading(item.location());
        List<Thumbnail> written = new ArrayList<>();
        for (OpenCvThumbnailer.Encoded encoded
                : thumbnailer.render(original, item.kind(), item.orientation(), ThumbnailSize.STANDARD)) {
            String name = encoded.size().fileName();
            Path target = storage.file(item.contentHash(), name);
            if (!Files.exists(target)) {
                storage.writeAtomically(target, out -> out.write(encoded.jpeg()));
            }
            written.add(new Thumbnail(encoded.size().name(), encoded.width(), encoded.height(), "jpeg",
                    storage.relativePath(item.contentHash(), name)));
        }
        return ThumbnailsGenerated.of(item.contentHash(), written);
    }
}
