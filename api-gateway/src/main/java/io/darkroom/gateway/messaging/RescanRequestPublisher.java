package io.darkroom.gateway.messaging;

import io.darkroom.events.RescanRequested;
import io.darkroom.platform.messaging.KeyedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends ingest-service a rescan command; the Uni completes when Kafka has acknowledged it. */
@ApplicationScoped
public class RescanRequestPublisher {

    private final MutinyEmitter<RescanRequested> commands;

    RescanRequestPublisher(@Channel("rescan-requested") MutinyEmitter<RescanRequested> commands) {
        this.commands = commands;
    }

    public Uni<Void> publish(RescanRequested command) {
        return commands.sendMessage(KeyedMessage.of(command));
    }
}
