package io.darkroom.transcode.messaging;

import io.darkroom.events.MediaIndexed;
import io.darkroom.transcode.TranscodeService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transcodes indexed videos on the {@code transcode-workers} pool, off the poll loop: the connector keeps polling
 * (paused while the worker is busy), so a transcode of many minutes never exceeds {@code max.poll.interval.ms}.
 * The record is acknowledged when this method returns, i.e. after the output is synced and renamed and the
 * resulting event is acked by Kafka; only then may its offset be committed. An instance killed mid-file leaves a
 * hidden partial file and an uncommitted offset, so the partition's next owner redoes the file.
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
        transcodes.process(item, publisher::progress).ifPresent(publisher::publish);
    }
}
