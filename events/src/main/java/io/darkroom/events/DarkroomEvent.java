package io.darkroom.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** What every event on the wire carries: an id for idempotence, when it happened, and its schema version. */
public interface DarkroomEvent {

    /** The version written by this code; readers accept this and older versions. */
    int SCHEMA_VERSION = 1;

    /** Unique per event; a consumer that records it can drop a redelivery. */
    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The Kafka record key that keeps all events of one file (or one content) in order on one partition. */
    @JsonIgnore
    String key();
}
