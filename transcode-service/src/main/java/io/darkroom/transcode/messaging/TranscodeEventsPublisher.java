package io.darkroom.transcode.messaging;

import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.TranscodeCompleted;
import io.darkroom.events.TranscodeProgress;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Publishes results and waits for Kafka's ack, so the input is only acknowledged once its result is durable.
 * Progress is the exception: the transcode does not wait for it, and a lost report is superseded by the next.
 */
@ApplicationScoped
public class TranscodeEventsPublisher {

    private static final Logger LOG = Logger.getLogger(TranscodeEventsPublisher.class);

    private final MutinyEmitter<TranscodeCompleted> completed;
    private final MutinyEmitter<ProcessingFailed> failed;
    private final MutinyEmitter<TranscodeProgress> progress;

    TranscodeEventsPublisher(@Channel("transcode-completed") MutinyEmitter<TranscodeCompleted> completed,
            @Channel("processing-failed") MutinyEmitter<ProcessingFailed> failed,
            @Channel("transcode-progress") MutinyEmitter<TranscodeProgress> progress) {
        this.completed = completed;
        this.failed = failed;
        this.progress = progress;
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

    /** Sends without waiting; a failure is logged, never thrown into the transcode. */
    public void progress(TranscodeProgress report) {
        progress.sendMessage(KeyedMessage.of(report)).subscribe().with(ok -> { },
                e -> LOG.debugf("Progress report for %s not sent: %s", report.contentHash(), e.getMessage()));
    }
}
