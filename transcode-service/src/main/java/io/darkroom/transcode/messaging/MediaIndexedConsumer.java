package io.darkroom.transcode.messaging;

import io.darkroom.events.MediaIndexed;
import io.darkroom.transcode.TranscodeService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transcodes indexed videos on the {@code transcode-workers} pool, outside the poll loop, so a long transcode
 * never stops the consumer from polling (no rebalance). The record is acknowledged only after the resulting
 * event is acked by Kafka; an instance killed mid-file leaves only a hidden partial file, and the redo
 * replaces it.
 */
@ApplicationScoped
public class MediaIndexedConsumer {

    private final TranscodeService transcodes;
    private final TranscodeEventsPublisher publisher;

    MediaIndexedConsumer(TranscodeService transcodes, TranscodeEventsPublisher publisher) {
        this.transcodes = transcodes;
        this.publisher = publisher;
    }

    @Incoming("media-indexed")
    @Blocking(value = "transcode-workers", ordered = false)
    public void onMediaIndexed(MediaIndexed item) throws IOException {
        if (item == null) {
            // fail-on-deserialization-failure=false hands us null: nack it into the dead-letter topic.
            throw new IllegalArgumentException("The record is not a MediaIndexed event");
        }
        transcodes.process(item).ifPresent(publisher::publish);
    }
}
