package io.darkroom.gateway.security;

import java.time.Instant;

/** What an owner sees of a token: never the secret, which is shown once, at creation. */
public record ApiToken(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
}
