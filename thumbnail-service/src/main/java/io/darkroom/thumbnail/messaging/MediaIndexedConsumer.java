package io.darkroom.thumbnail.messaging;

import io.darkroom.events.MediaIndexed;
import io.darkroom.thumbnail.ThumbnailService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes thumbnails for each indexed item on the {@code thumbnail-workers} pool (as many as the cores), out of
 * order across items. The record is acknowledged only after the resulting event is acked by Kafka, so a crash
 * redoes the item; the files are content-addressed, so a redo overwrites nothing.
 */
@ApplicationScoped
public class MediaIndexedConsumer {

    private final ThumbnailService thumbnails;
    private final ThumbnailEventsPublisher publisher;

    MediaIndexedConsumer(ThumbnailService thumbnails, ThumbnailEventsPublisher publisher) {
        this.thumbnails = thumbnails;
        this.publisher = publisher;
    }

    @Incoming("media-indexed")
    @Blocking(value = "thumbnail-workers", ordered = false)
    public void onMediaIndexed(MediaIndexed item) throws IOException {
        if (item == null) {
            // fail-on-deserialization-failure=false hands us null: nack it into the dead-letter topic.
            throw new IllegalArgumentException("The record is not a MediaIndexed event");
        }
        thumbnails.process(item).ifPresent(publisher::publish);
    }
}
