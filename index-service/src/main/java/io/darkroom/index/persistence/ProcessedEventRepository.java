package io.darkroom.index.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.pool.ReactiveConnection;

@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEventEntity, String> {

    public Uni<Boolean> isProcessed(UUID eventId) {
        return findById(eventId.toString()).map(found -> found != null);
    }

    /** Which of these events are recorded already: one query for a batch. */
    public Uni<Set<UUID>> processedAmong(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = eventIds.stream().map(UUID::toString).toList();
        return getSession().chain(session -> {
            ReactiveConnection connection = BatchRows.connection(session);
            return connection != null
                    ? BatchRows.recordedAmong(connection, ids)
                            .map(found -> found.stream().map(UUID::fromString).collect(Collectors.toSet()))
                    : list("eventId in ?1", ids)
                            .map(found -> found.stream().map(e -> UUID.fromString(e.eventId)).collect(Collectors.toSet()));
        });
    }

    /** Records the event; call inside the transaction that applies its effect. */
    public Uni<Void> record(UUID eventId) {
        ProcessedEventEntity entity = new ProcessedEventEntity();
        entity.eventId = eventId.toString();
        return persist(entity).replaceWithVoid();
    }
}
