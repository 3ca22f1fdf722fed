package io.darkroom.gateway.security;

import java.time.Instant;

/** One line of the audit log: who did what to what, from where. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String clientIp) {
}
