package io.darkroom.transcode.messaging;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes results and waits for Kafka's ack, so the input is only acknowledged once its result is durable. */
@ApplicationScoped
public class TranscodeEventsPublisher {

    private final MutinyEmitter<TranscodeCompleted> completed;
    private final MutinyEmitter<ProcessingFailed> failed;

    TranscodeEventsPublisher(@Channel("transcode-completed") MutinyEmitter<TranscodeCompleted> completed,
            @Channel("processing-failed") MutinyEmitter<ProcessingFailed> failed) {
        this.completed = completed;
        this.failed = failed;
    }

    public void publish(DarkroomEvent event) {
        if (event instanceof TranscodeCompleted done) {
            completed.sendMessageAndAwait(KeyedMessage.of(done));
        } else if (event instanceof ProcessingFailed failure) {
            failed.sendMessageAndAwait(KeyedMessage.of(failure));
        } else {
            throw new IllegalArgumentException("Not a transcode-service event: " + event);
        }
    }
}
