package io.darkroom.thumbnail.messaging;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ThumbnailsGenerated;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes results and waits for Kafka's ack, so the input is only acknowledged once its result is durable. */
@ApplicationScoped
public class ThumbnailEventsPublisher {

    private final MutinyEmitter<ThumbnailsGenerated> generated;
    private final MutinyEmitter<ProcessingFailed> failed;

    ThumbnailEventsPublisher(@Channel("thumbnails-generated") MutinyEmitter<ThumbnailsGenerated> generated,
            @Channel("processing-failed") MutinyEmitter<ProcessingFailed> failed) {
        this.generated = generated;
        this.failed = failed;
    }

    public void publish(DarkroomEvent event) {
        if (event instanceof ThumbnailsGenerated done) {
            generated.sendMessageAndAwait(KeyedMessage.of(done));
        } else if (event instanceof ProcessingFailed failure) {
            failed.sendMessageAndAwait(KeyedMessage.of(failure));
        } else {
            throw new IllegalArgumentException("Not a thumbnail-service event: " + event);
        }
    }
}
