package io.darkroom.ingest.messaging;

import io.darkroom.events.FileEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@link FileEvent}s on {@code media.files.v1}, keyed by location, and waits for the broker's
 * acknowledgement: the caller records a file as published only once its event was acknowledged (at least once).
 */
@ApplicationScoped
public class FileEventPublisher {

    private static final Logger LOG = Logger.getLogger(FileEventPublisher.class);

    @Inject
    @Channel("files-out")
    MutinyEmitter<FileEvent> emitter;

    /**
     * Sends a batch and blocks until each event was acknowledged or failed (or {@code timeout} passed).
     *
     * @return the acknowledged events, in the order given
     */
    public List<FileEvent> publish(List<FileEvent> events, Duration timeout) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Uni<FileEvent>> sends = events.stream().map(event -> send(event, timeout)).toList();
        return Uni.join().all(sends).andCollectFailures().await().indefinitely().stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private Uni<FileEvent> send(FileEvent event, Duration timeout) {
        Message<FileEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
        return emitter.sendMessage(message)
                .replaceWith(event)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Event for %s not acknowledged, it is sent again at the next scan: %s", event.key(),
                            failure.toString());
                    return null;
                });
    }
}
