package io.darkroom.gateway.domain;

import java.time.Instant;

/** An album: a titled, ordered set of items one account made; {@code coverItemId} is null for an empty album. */
public record Album(long id, long ownerId, String ownerName, String title, Long coverItemId, int itemCount,
        Instant createdAt, Instant updatedAt) {
}
