package io.darkroom.index.messaging;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.index.persistence.CatalogOutcome;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Announces catalog changes: {@link MediaIndexed} (keyed by content hash) and {@link ProcessingFailed}. The
 * returned Uni completes when the broker acknowledged the record, so the incoming record is acknowledged only
 * after both the commit and the announcement.
 */
@ApplicationScoped
public class CatalogPublisher {

    private final MutinyEmitter<MediaIndexed> indexed;
    private final MutinyEmitter<ProcessingFailed> failed;

    public CatalogPublisher(@Channel("media-indexed-out") MutinyEmitter<MediaIndexed> indexed,
            @Channel("processing-failed-out") MutinyEmitter<ProcessingFailed> failed) {
        this.indexed = indexed;
        this.failed = failed;
    }

    public Uni<Void> announce(CatalogOutcome outcome) {
        DarkroomEvent event = outcome.toAnnounce().orElse(null);
        if (event instanceof MediaIndexed mediaIndexed) {
            return indexed.sendMessage(KeyedMessage.of(mediaIndexed));
        }
        if (event instanceof ProcessingFailed processingFailed) {
            return failed.sendMessage(KeyedMessage.of(processingFailed));
        }
        return Uni.createFrom().voidItem();
    }
}
