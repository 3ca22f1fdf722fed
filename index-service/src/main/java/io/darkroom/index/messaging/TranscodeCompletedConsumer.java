package io.darkroom.index.messaging;

import io.darkroom.events.TranscodeCompleted;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link TranscodeCompleted}: transcode-service finished a video: transcode_status DONE and the playable copy's path. */
@ApplicationScoped
public class TranscodeCompletedConsumer {

    private final EventReader reader;
    private final CatalogService catalog;
    private final Retries retries;

    public TranscodeCompletedConsumer(EventReader reader, CatalogService catalog, Retries retries) {
        this.reader = reader;
        this.catalog = catalog;
        this.retries = retries;
    }

    @Incoming("transcode-completed-in")
    public Uni<Void> consume(String json) {
        Executor context = Retries.currentContext();
        return reader.parse(json, TranscodeCompleted.class)
                .chain(event -> retries.run("TranscodeCompleted " + event.eventId(), context, () -> catalog.recordTranscode(event)))
                .replaceWithVoid();
    }
}
