package io.darkroom.index.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.index.domain.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a record's JSON into the shared event records. Channels receive the raw text, so a record that is not
 * valid JSON for its topic fails here, as a permanent failure: the record goes to the dead-letter topic
 * unchanged (with the reason in its headers) and the channel goes on.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event, or a failed Uni (permanent: {@link InvalidEventException}) for a record that is not one. */
    public <T> Uni<T> parse(String json, Class<T> type) {
        try {
            return Uni.createFrom().item(read(json, type));
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("Empty record where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            T event = mapper.readValue(json, type);
            if (event == null) {
                throw new InvalidEventException("A JSON null where a " + type.getSimpleName() + " was expected", null);
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
