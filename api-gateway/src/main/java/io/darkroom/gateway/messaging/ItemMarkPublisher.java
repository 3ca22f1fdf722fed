package io.darkroom.gateway.messaging;

import io.darkroom.events.ItemMarkRequested;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends index-service (the catalog's only writer) the family's marks; the Uni completes when Kafka has acknowledged
 * every command.
 */
@ApplicationScoped
public class ItemMarkPublisher {

    private final MutinyEmitter<ItemMarkRequested> commands;

    ItemMarkPublisher(@Channel("item-marks") MutinyEmitter<ItemMarkRequested> commands) {
        this.commands = commands;
    }

    public Uni<Void> publish(List<ItemMarkRequested> marks) {
        return Uni.join().all(marks.stream().map(mark -> commands.sendMessage(KeyedMessage.of(mark))).toList())
                .andFailFast().replaceWithVoid();
    }
}
