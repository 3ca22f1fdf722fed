package io.darkroom.thumbnail.messaging;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.MediaIndexed;
import io.darkroom.thumbnail.ThumbnailConfig;
import io.darkroom.thumbnail.ThumbnailService;
import io.darkroom.thumbnail.domain.IoRetry;
import io.darkroom.thumbnail.domain.RootUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Makes thumbnails for each indexed item on the {@code thumbnail-workers} pool (as many as the cores), out of
 * order across items. The record is acknowledged only after the resulting event is acked by Kafka, so a crash
 * redoes the item; the files are content-addressed, so a redo overwrites nothing. An IOException (the derived-files
 * folder unwritable, the disk full) is retried on the worker until it clears ({@link IoRetry}), up to
 * {@code darkroom.thumbnail.storage-retry-for} (15 min): dead-lettered, the item would stay without thumbnails for good.
 * So is an original out of reach because its library root is (unmounted, empty); one still out of reach after that
 * is reported as failed (TRANSIENT) with the reason, rather than dead-lettered.
 */
@ApplicationScoped
public class MediaIndexedConsumer {

    private final ThumbnailService thumbnails;
    private final ThumbnailEventsPublisher publisher;
    private final IoRetry storageRetry;

    MediaIndexedConsumer(ThumbnailService thumbnails, ThumbnailEventsPublisher publisher, MeterRegistry metrics,
            ThumbnailConfig config) {
        this.thumbnails = thumbnails;
        this.publisher = publisher;
        this.storageRetry = new IoRetry(config.storageRetryFor(), Duration.ofSeconds(1), Duration.ofSeconds(30));
        metrics.gauge("darkroom_thumbnail_items_waiting_for_storage", storageRetry, IoRetry::waiting);
    }

    @Incoming("media-indexed")
    @Blocking(value = "thumbnail-workers", ordered = false)
    public void onMediaIndexed(MediaIndexed item) throws IOException {
        if (item == null) {
            // fail-on-deserialization-failure=false hands us null: nack it into the dead-letter topic.
            throw new IllegalArgumentException("The record is not a MediaIndexed event");
        }
        Optional<DarkroomEvent> event;
        try {
            event = storageRetry.run(item.location().toString(), () -> thumbnails.process(item));
        } catch (RootUnavailableException stillOut) {
            // dead-lettered, it would stay PENDING; reported, it is listed with a reason a retry clears
            event = Optional.of(thumbnails.rootStayedUnavailable(item, stillOut));
        }
        event.ifPresent(publisher::publish);
    }
}
