package io.darkroom.index.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEventEntity, String> {

    public Uni<Boolean> isProcessed(UUID eventId) {
        return findById(eventId.toString()).map(found -> found != null);
    }

    /** Records the event; call inside the transaction that applies its effect. */
    public Uni<Void> record(UUID eventId) {
        ProcessedEventEntity entity = new ProcessedEventEntity();
        entity.eventId = eventId.toString();
        return persist(entity).replaceWithVoid();
    }
}
