package io.darkroom.thumbnail.messaging;

import io.darkroom.events.ThumbnailRequested;
import io.darkroom.thumbnail.ThumbnailService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes an on-demand size when api-gateway asks, on the same {@code thumbnail-workers} pool as the standard sets, so
 * the two together never decode more items at once than there are workers. Acknowledged once the announcement is
 * acked by Kafka; a record that is no request, or names no on-demand size, goes to the dead-letter topic.
 */
@ApplicationScoped
public class ThumbnailRequestedConsumer {

    private final ThumbnailService thumbnails;
    private final ThumbnailEventsPublisher publisher;

    ThumbnailRequestedConsumer(ThumbnailService thumbnails, ThumbnailEventsPublisher publisher) {
        this.thumbnails = thumbnails;
        this.publisher = publisher;
    }

    @Incoming("thumbnail-requested")
    @Blocking(value = "thumbnail-workers", ordered = false)
    public void onThumbnailRequested(ThumbnailRequested request) throws IOException {
        if (request == null) {
            throw new IllegalArgumentException("The record is not a ThumbnailRequested command");
        }
        thumbnails.make(request).ifPresent(publisher::publish);
    }
}
