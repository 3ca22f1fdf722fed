package io.darkroom.index.messaging;

import io.darkroom.events.ItemMarkRequested;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link ItemMarkRequested}: the family marked an item as a favourite or archived it in the gallery. */
@ApplicationScoped
public class ItemMarksConsumer {

    private final EventReader reader;
    private final CatalogService catalog;
    private final Retries retries;

    public ItemMarksConsumer(EventReader reader, CatalogService catalog, Retries retries) {
        this.reader = reader;
        this.catalog = catalog;
        this.retries = retries;
    }

    @Incoming("item-marks-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, ItemMarkRequested.class)
                .chain(event -> retries.run("ItemMarkRequested " + event.eventId(), context, () -> catalog.mark(event)))
                .replaceWithVoid();
    }
}
