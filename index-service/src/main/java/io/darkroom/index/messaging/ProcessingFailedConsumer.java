package io.darkroom.index.messaging;

import io.darkroom.events.ProcessingFailed;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link ProcessingFailed}: a stage gave up on a file: the reason becomes the item's visible status (index-service's own INDEX failures are already recorded). */
@ApplicationScoped
public class ProcessingFailedConsumer {

    private final EventReader reader;
    private final CatalogService catalog;
    private final Retries retries;

    public ProcessingFailedConsumer(EventReader reader, CatalogService catalog, Retries retries) {
        this.reader = reader;
        this.catalog = catalog;
        this.retries = retries;
    }

    @Incoming("processing-failed-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, ProcessingFailed.class)
                .chain(event -> retries.run("ProcessingFailed " + event.eventId(), context,
                        () -> catalog.recordFailure(event)))
                .replaceWithVoid();
    }
}
