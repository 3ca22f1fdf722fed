package io.darkroom.platform.messaging;

import io.darkroom.events.DarkroomEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An outgoing event with its contract key, so all events of one file or content share a partition. */
public final class KeyedMessage {

    private KeyedMessage() {
    }

    public static <T extends DarkroomEvent> Message<T> of(T event) {
        return Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
    }
}
