package io.darkroom.ingest.domain;

import io.darkroom.events.FileEvent;
import java.time.Duration;
import java.util.List;

/** Where a scan's events go (the broker, in production); a file counts as published only once its event is acknowledged. */
@FunctionalInterface
public interface FileEventSink {

    /**
     * Sends a batch and blocks until each event was acknowledged or failed (or {@code timeout} passed).
     *
     * @return the acknowledged events, in the order given
     */
    List<FileEvent> publish(List<FileEvent> events, Duration timeout);
}
