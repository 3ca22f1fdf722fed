package io.darkroom.gateway.messaging;

import io.darkroom.events.ThumbnailRequested;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Asks thumbnail-service for an on-demand size; the Uni completes when Kafka has acknowledged the command. */
@ApplicationScoped
public class ThumbnailRequestPublisher {

    private final MutinyEmitter<ThumbnailRequested> requests;

    ThumbnailRequestPublisher(@Channel("thumbnail-requested") MutinyEmitter<ThumbnailRequested> requests) {
        this.requests = requests;
    }

    public Uni<Void> publish(ThumbnailRequested request) {
        return requests.sendMessage(KeyedMessage.of(request));
    }
}
