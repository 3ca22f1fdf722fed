package io.darkroom.index.messaging;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.index.metadata.MetadataExtractor;
import io.darkroom.index.persistence.CatalogOutcome;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code media.files.v1}: catalogues discovered files, follows moves, marks removed files missing. Records of
 * one channel are handled one at a time, in order: the topic is keyed by location, so the events of one path
 * are applied in the order ingest saw them. The record is acknowledged when the returned Uni completes: after
 * the transaction committed and the announcement was acknowledged by the broker.
 */
@ApplicationScoped
public class FileEventConsumer {

    private final EventReader reader;
    private final MetadataExtractor extractor;
    private final CatalogService catalog;
    private final CatalogPublisher publisher;
    private final IndexMetrics metrics;
    private final Retries retries;

    public FileEventConsumer(EventReader reader, MetadataExtractor extractor, CatalogService catalog,
            CatalogPublisher publisher, IndexMetrics metrics, Retries retries) {
        this.reader = reader;
        this.extractor = extractor;
        this.catalog = catalog;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retries = retries;
    }

    @Incoming("files-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, FileEvent.class).chain(event -> retries.run(
                event.getClass().getSimpleName() + " " + event.eventId() + " (" + event.key() + ")", context,
                () -> handle(event, context).chain(publisher::announce)));
    }

    private Uni<CatalogOutcome> handle(FileEvent event, Executor context) {
        if (event instanceof FileDiscovered discovered) {
            return discovered(discovered, context);
        }
        if (event instanceof FileMoved moved) {
            return catalog.recordMoved(moved).chain(outcome -> outcome.result() == CatalogOutcome.Result.NEEDS_INDEXING
                    ? index(asDiscovery(moved), context)
                    : Uni.createFrom().item(outcome));
        }
        return catalog.recordRemoved((FileRemoved) event);
    }

    private Uni<CatalogOutcome> discovered(FileDiscovered event, Executor context) {
        return catalog.precheck(event.eventId(), event.location(), event.occurredAt()).chain(state -> switch (state) {
            case ALREADY_PROCESSED -> catalog.currentState(event.location());
            case STALE -> catalog.markProcessed(event.eventId());
            case FRESH -> index(event, context);
        });
    }

    /** Tika on the extraction pool, then back on the record's context for the transaction. */
    private Uni<CatalogOutcome> index(FileDiscovered event, Executor context) {
        return extractor.extract(event.location())
                .emitOn(context)
                .chain(extraction -> catalog.recordDiscovered(event, extraction))
                .invoke(metrics::count);
    }

    /** A move of a file the catalog does not know is indexed at its destination, under the move's event id. */
    private static FileDiscovered asDiscovery(FileMoved moved) {
        return new FileDiscovered(moved.eventId(), moved.occurredAt(), moved.schemaVersion(), moved.to(),
                moved.contentHash(), moved.sizeBytes(), moved.modifiedAt());
    }
}
