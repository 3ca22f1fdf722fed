package io.darkroom.index.messaging;

import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link ThumbnailsGenerated}: thumbnail-service wrote derived images: the items of that content get their thumbnail rows and thumbnail_status DONE. */
@ApplicationScoped
public class ThumbnailsGeneratedConsumer {

    private final EventReader reader;
    private final CatalogService catalog;
    private final Retries retries;

    public ThumbnailsGeneratedConsumer(EventReader reader, CatalogService catalog, Retries retries) {
        this.reader = reader;
        this.catalog = catalog;
        this.retries = retries;
    }

    @Incoming("thumbnails-generated-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, ThumbnailsGenerated.class)
                .chain(event -> retries.run("ThumbnailsGenerated " + event.eventId(), context, () -> catalog.recordThumbnails(event)))
                .replaceWithVoid();
    }
}
