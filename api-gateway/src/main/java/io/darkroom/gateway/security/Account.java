package io.darkroom.gateway.security;

import java.time.Instant;

/** A person who can sign in. {@code passwordHash} never leaves the gateway. */
public record Account(long id, String username, String passwordHash, Role role, boolean disabled, int failedLogins,
        Instant lockedUntil, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
