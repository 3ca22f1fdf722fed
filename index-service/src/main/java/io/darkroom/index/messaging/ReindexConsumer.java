package io.darkroom.index.messaging;

import io.darkroom.events.FileLocation;
import io.darkroom.events.ReindexRequested;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.FileState;
import io.darkroom.index.metadata.MetadataExtractor;
import io.darkroom.index.metadata.OriginalFiles;
import io.darkroom.index.persistence.CatalogOutcome;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@link ReindexRequested}: an admin asked for an item again (re-index, or retry of a failure). The file at the
 * item's current location is hashed and read through the same extraction as a discovery, the catalog records the
 * outcome (a failure cleared, or its new reason), and the item is announced again: {@code MediaIndexed} for the
 * workers, or {@code ProcessingFailed}. The command is recorded in the same transaction, so a redelivery changes
 * nothing and only announces the item's state again; the record is acknowledged after the announcement.
 */
@ApplicationScoped
public class ReindexConsumer {

    private static final Logger LOG = Logger.getLogger(ReindexConsumer.class);

    private final EventReader reader;
    private final CatalogService catalog;
    private final OriginalFiles originals;
    private final MetadataExtractor extractor;
    private final CatalogPublisher publisher;
    private final Retries retries;

    public ReindexConsumer(EventReader reader, CatalogService catalog, OriginalFiles originals,
            MetadataExtractor extractor, CatalogPublisher publisher, Retries retries) {
        this.reader = reader;
        this.catalog = catalog;
        this.originals = originals;
        this.extractor = extractor;
        this.publisher = publisher;
        this.retries = retries;
    }

    @Incoming("reindex-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, ReindexRequested.class)
                .chain(command -> retries.<CatalogOutcome>run("ReindexRequested " + command.eventId() + " (item "
                                + command.itemId() + ")", context, () -> reindex(command, context))
                        .invoke(outcome -> LOG.infof("Re-index of item %d by %s: %s", command.itemId(),
                                command.requestedBy(), outcome.result())))
                .chain(publisher::announce);
    }

    private Uni<CatalogOutcome> reindex(ReindexRequested command, Executor context) {
        return catalog.reindexTarget(command).chain(target -> {
            if (target.location() == null) {
                return Uni.createFrom().item(target.done());
            }
            FileLocation location = target.location();
            return originals.state(location)
                    .chain(state -> state.isEmpty()
                            ? Uni.createFrom().item(new Read(null, new Extraction.Vanished()))
                            : extractor.extract(location).map(extraction -> new Read(state.get(), extraction)))
                    .emitOn(context)
                    .chain(read -> catalog.recordReindexed(command, location, read.file(), read.extraction()));
        });
    }

    private record Read(FileState file, Extraction extraction) {
    }
}
