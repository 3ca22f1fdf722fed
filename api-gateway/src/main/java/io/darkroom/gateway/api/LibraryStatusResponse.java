package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.LibraryCounts;
import io.darkroom.gateway.domain.QueueDepths;
import java.util.Optional;

/**
 * Catalog counts (the launcher's progress line reads these exact names) and the records waiting in front of each
 * stage ({@code queues}, null when Kafka does not answer).
 */
public record LibraryStatusResponse(long items, long indexed, long failed, long missing, long thumbnailsDone,
        long transcodesDone, long transcodesPending, QueueDepths queues) {

    public static LibraryStatusResponse from(LibraryCounts c, Optional<QueueDepths> queues) {
        return new LibraryStatusResponse(c.items(), c.indexed(), c.failed(), c.missing(), c.thumbnailsDone(),
                c.transcodesDone(), c.transcodesPending(), queues.orElse(null));
    }
}
