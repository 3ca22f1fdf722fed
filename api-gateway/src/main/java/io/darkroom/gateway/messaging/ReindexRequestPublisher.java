package io.darkroom.gateway.messaging;

import io.darkroom.events.ReindexRequested;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends index-service the admin's re-index commands, one per item; the Uni completes when Kafka has acknowledged
 * every one. "Retry every failure" may name thousands of items, so they go a slice at a time rather than all at
 * once into the emitter's buffer.
 */
@ApplicationScoped
public class ReindexRequestPublisher {

    private static final int IN_FLIGHT = 100;

    private final MutinyEmitter<ReindexRequested> commands;

    ReindexRequestPublisher(@Channel("reindex-requested") MutinyEmitter<ReindexRequested> commands) {
        this.commands = commands;
    }

    public Uni<Void> publish(List<ReindexRequested> reindex) {
        Uni<Void> sent = Uni.createFrom().voidItem();
        for (int from = 0; from < reindex.size(); from += IN_FLIGHT) {
            List<ReindexRequested> slice = reindex.subList(from, Math.min(reindex.size(), from + IN_FLIGHT));
            sent = sent.chain(() -> Uni.join().all(slice.stream()
                    .map(command -> commands.sendMessage(KeyedMessage.of(command))).toList())
                    .andFailFast().replaceWithVoid());
        }
        return sent;
    }
}
