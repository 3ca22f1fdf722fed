package io.darkroom.ingest.messaging;

import io.darkroom.events.FileEvent;
import io.darkroom.ingest.domain.FileEventSink;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@link FileEvent}s on {@code media.files.v1}, keyed by location, and waits for the broker's
 * acknowledgement: the caller records a file as published only once its event was acknowledged (at least once).
 */
@ApplicationScoped
public class FileEventPublisher implements FileEventSink {

    private static final Logger LOG = Logger.getLogger(FileEventPublisher.class);

    @Inject
    @Channel("files-out")
    MutinyEmitter<FileEvent> emitter;

    @Override
    public List<FileEvent> publish(List<FileEvent> events, Duration timeout) {
        if (events.isEmpty()) {
            return List.of();
        }
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        List<Uni<FileEvent>> sends = events.stream().map(event -> send(event, timeout, lastFailure)).toList();
        List<FileEvent> acked = Uni.join().all(sends).andCollectFailures().await().indefinitely().stream()
                .filter(Objects::nonNull)
                .toList();
        if (acked.size() < events.size()) {
            LOG.warnf("%d of %d events were not acknowledged; they are sent again at the next scan. Last error: %s",
                    events.size() - acked.size(), events.size(), lastFailure.get());
        }
        return acked;
    }

    private Uni<FileEvent> send(FileEvent event, Duration timeout, AtomicReference<Throwable> lastFailure) {
        Message<FileEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
        return emitter.sendMessage(message)
                .replaceWith(event)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> {
                    lastFailure.set(failure);
                    return null;
                });
    }
}
