package io.darkroom.thumbnail;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.Thumbnail;
import io.darkroom.events.ThumbnailRequested;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.storage.StorageConfig;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.thumbnail.domain.InFlight;
import io.darkroom.thumbnail.domain.RootUnavailableException;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import io.darkroom.thumbnail.media.DecodePool;
import io.darkroom.thumbnail.media.ImageHeader;
import io.darkroom.thumbnail.media.MediaDecoder;
import io.darkroom.thumbnail.media.OpenCvThumbnailer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one indexed image into the standard set of sizes under the derived-files folder, and makes an on-demand size
 * when api-gateway asks for one. Every decode runs on the {@link DecodePool} with a deadline.
 */
@ApplicationScoped
public class ThumbnailService {

    private static final Logger LOG = Logger.getLogger(ThumbnailService.class);

    private final LibraryRoots roots;
    private final StorageLayout storage;
    private final OpenCvThumbnailer thumbnailer;
    private final ThumbnailConfig config;
    private final MeterRegistry metrics;
    private final DecodePool decodes;
    private final InFlight onDemand = new InFlight();

    ThumbnailService(LibraryConfig library, StorageConfig storage, ThumbnailConfig config, MeterRegistry metrics) {
        this.roots = LibraryRoots.from(library);
        this.storage = StorageLayout.from(storage);
        this.thumbnailer = new OpenCvThumbnailer(config.jpegQuality(),
                new MediaDecoder.Limits(config.maxPixels(), config.maxDecodedPixels(), config.maxFileBytes()));
        this.config = config;
        this.metrics = metrics;
        this.decodes = new DecodePool(config.workers(), config.decodeTimeout());
        metrics.gauge("darkroom_thumbnail_decodes_abandoned_running", decodes, DecodePool::runaways);
        LOG.infof("%d worker(s), decode timeout %s", config.workers(), config.decodeTimeout());
    }

    /** The decodes' pool, for the health check. */
    public DecodePool decodes() {
        return decodes;
    }

    @PreDestroy
    void stop() {
        decodes.close();
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
            if (roots.isUnavailable(item.location().root())) {
                // Not removed: out of reach with its whole root. Skipped, the item would stay PENDING for good, since
                // nothing announces the file again when the root returns; thrown, it waits on its worker (IoRetry).
                throw new RootUnavailableException(item.location().root(), gone);
            }
            // The file was removed after indexing; ingest-service reports the removal.
            LOG.infof("Skipping %s: the original is gone", item.location());
            return Optional.empty();
        }
    }

    /**
     * The failure to report for an item whose library root stayed unavailable through the whole storage retry: it
     * lists the item among the library's failures, and an admin's retry (a re-index) makes the thumbnails once the
     * root is back.
     */
    public DarkroomEvent rootStayedUnavailable(MediaIndexed item, RootUnavailableException e) {
        metrics.counter("darkroom_thumbnail_items_failed", "kind", FailureKind.TRANSIENT.name()).increment();
        return ProcessingFailed.of(item.contentHash(), item.location(), ProcessingStage.THUMBNAIL,
                FailureKind.TRANSIENT, "The library root '" + e.root() + "' stayed unavailable (not mounted, unreadable"
                        + " or empty); retry once it is back.");
    }

    private ThumbnailsGenerated generate(MediaIndexed item) throws IOException, ThumbnailFailure {
        if (item.kind() != MediaKind.VIDEO && item.width() != null && item.height() != null
                && (long) item.width() * item.height() > config.maxPixels()) {
            throw new ThumbnailFailure(FailureKind.TOO_LARGE, "The image has %d x %d pixels, over the limit of %d"
                    .formatted(item.width(), item.height(), config.maxPixels()));
        }
        Path original = roots.resolveForReading(item.location());
        // A requested redo (an admin's re-index) replaces the files on disk; otherwise a file there is kept.
        return ThumbnailsGenerated.of(item.contentHash(), render(item.contentHash(), original, item.kind(),
                item.orientation(), ThumbnailSize.STANDARD, item.redoRequested()));
    }

    /**
     * The event announcing the requested on-demand size, made from the original unless it is on disk already; empty
     * when the same size of the same content is being made for an earlier request (that one announces it), or when
     * it cannot be made. A failure is logged and counted but not published as ProcessingFailed: the item's standard
     * sizes are fine, and index-service would mark its thumbnails failed; api-gateway answers its waiting clients
     * with 504 when the file does not appear.
     */
    public Optional<DarkroomEvent> make(ThumbnailRequested request) throws IOException {
        ThumbnailSize size = ThumbnailSize.onDemand(request.size()).orElseThrow(() -> new IllegalArgumentException(
                "Not an on-demand size: " + request.size()));
        Path target = storage.file(request.contentHash(), size.fileName());
        try {
            Optional<DarkroomEvent> announced = onDemand.once(request.contentHash() + "/" + size.name(), () -> {
                if (Files.exists(target)) {
                    metrics.counter("darkroom_thumbnail_on_demand", "outcome", "on-disk").increment();
                    return announceExisting(request.contentHash(), size, target);
                }
                Path original = roots.resolveForReading(request.location());
                List<Thumbnail> made = render(request.contentHash(), original, request.kind(), request.orientation(),
                        List.of(size), false);
                metrics.counter("darkroom_thumbnail_on_demand", "outcome", "made").increment();
                return (DarkroomEvent) ThumbnailsGenerated.of(request.contentHash(), made);
            });
            if (announced.isEmpty()) {
                metrics.counter("darkroom_thumbnail_on_demand", "outcome", "coalesced").increment();
            }
            return announced;
        } catch (ThumbnailFailure failure) {
            LOG.warnf("No %s for %s: %s", size.name(), request.location(), failure.getMessage());
            metrics.counter("darkroom_thumbnail_on_demand", "outcome", "failed").increment();
            return Optional.empty();
        } catch (NoSuchFileException gone) {
            LOG.infof("No %s for %s: the original is gone", size.name(), request.location());
            return Optional.empty();
        }
    }

    /**
     * Decodes once on the decode pool, writes each size that is not on disk yet (every size when {@code replace}), and
     * lists them all.
     */
    private List<Thumbnail> render(String contentHash, Path original, MediaKind kind, Integer orientation,
            List<ThumbnailSize> sizes, boolean replace) throws IOException, ThumbnailFailure {
        List<OpenCvThumbnailer.Encoded> encoded = decodes.run(() -> thumbnailer.render(original, kind, orientation,
                sizes));
        List<Thumbnail> written = new ArrayList<>();
        for (OpenCvThumbnailer.Encoded one : encoded) {
            String name = one.size().fileName();
            Path target = storage.file(contentHash, name);
            if (replace || !Files.exists(target)) {
                storage.writeAtomically(target, out -> out.write(one.jpeg()));
            }
            written.add(new Thumbnail(one.size().name(), one.width(), one.height(), "jpeg",
                    storage.relativePath(contentHash, name)));
        }
        return written;
    }

    private DarkroomEvent announceExisting(String contentHash, ThumbnailSize size, Path file) throws IOException {
        ImageHeader header;
        try (InputStream in = Files.newInputStream(file)) {
            header = ImageHeader.read(in.readNBytes(64 * 1024));
        }
        return ThumbnailsGenerated.of(contentHash, List.of(new Thumbnail(size.name(), header.width(), header.height(),
                "jpeg", storage.relativePath(contentHash, size.fileName()))));
    }
}
