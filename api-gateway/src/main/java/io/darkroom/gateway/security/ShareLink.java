package io.darkroom.gateway.security;

import java.time.Instant;

/** A link that opens one item or one album to whoever holds its token, until it expires or is revoked. */
public record ShareLink(long id, long createdBy, Scope scope, long targetId, String passwordHash, Instant expiresAt,
        Instant revokedAt, Instant createdAt) {

    public enum Scope { ITEM, ALBUM }

    public boolean openAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean needsPassword() {
        return passwordHash != null;
    }
}
