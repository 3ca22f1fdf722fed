package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.AccountRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.SessionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in: throttled per client address, locked per account after repeated failures, audited either way. An
 * unknown name, a wrong password and a disabled account get the same answer, after the same hashing work.
 */
@ApplicationScoped
public class SignIn {

    static final String BAD_CREDENTIALS = "Wrong username or password.";

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final AttemptThrottle throttle;
    private final AuditLog audit;
    private final SecurityConfig config;
    private final Clock clock;

    public SignIn(AccountRepository accounts, SessionRepository sessions, PasswordHasher hasher,
            AttemptThrottle throttle, AuditLog audit, SecurityConfig config, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** A new session: its cookie value (shown to nobody else, stored only as a hash) and its CSRF token. */
    public record NewSession(String sessionId, String csrfToken, Account account, Duration maxAge) {
    }

    public Uni<NewSession> signIn(String username, String password, String clientIp) {
        if (username == null || username.isEmpty() || username.length() > 64) {
            throw new InvalidRequestException("Send a username of 1 to 64 characters.");
        }
        Credentials.offeredPassword(password);
        if (!throttle.allows(clientIp)) {
            return audit.record(username, "LOGIN_THROTTLED", null, clientIp).replaceWith(Uni.createFrom().failure(
                    new RefusedException(429, "Too many failed sign-ins from your address; wait a few minutes.",
                            config.attemptWindow())));
        }
        return accounts.findByUsername(username).chain(found -> hasher.verify(password,
                found.map(Account::passwordHash).orElse(null)).chain(matches -> decide(found, matches, username,
                clientIp)));
    }

    private Uni<NewSession> decide(Optional<Account> found, boolean matches, String username, String clientIp) {
        Instant now = clock.instant();
        if (found.isPresent() && found.get().lockedAt(now)) {
            Account account = found.get();
            throttle.failed(clientIp);
            Duration left = Duration.between(now, account.lockedUntil());
            return audit.record(username, "LOGIN_LOCKED", null, clientIp).replaceWith(Uni.createFrom().failure(
                    new RefusedException(429, "Too many failed sign-ins for this account; it is locked for "
                            + Math.max(1, left.toMinutes()) + " more minute(s).", left)));
        }
        if (found.isEmpty() || !matches || found.get().disabled()) {
            throttle.failed(clientIp);
            Uni<Void> counted = found.isPresent() && !matches
                    ? accounts.recordFailure(found.get().id(), config.maxFailedLogins(), now.plus(config.lockout()))
                    : Uni.createFrom().voidItem();
            String reason = found.isEmpty() ? "unknown user" : !matches ? "wrong password" : "disabled";
            return counted.chain(() -> audit.record(username, "LOGIN_FAILED", reason, clientIp))
                    .replaceWith(Uni.createFrom().failure(new RefusedException(401, BAD_CREDENTIALS)));
        }
        Account account = found.get();
        String sessionId = SecretTokens.generate();
        String csrf = SecretTokens.generate();
        Duration lifetime = config.sessionIdleTimeout().compareTo(config.sessionMaxAge()) < 0
                ? config.sessionIdleTimeout() : config.sessionMaxAge();
        return accounts.recordSuccess(account.id())
                .chain(() -> sessions.purgeExpired(now))
                .chain(() -> sessions.create(SecretTokens.digest(sessionId), account.id(), csrf, now,
                        now.plus(lifetime), clientIp))
                .chain(() -> audit.record(account.username(), "LOGIN", null, clientIp))
                .replaceWith(new NewSession(sessionId, csrf, account, config.sessionMaxAge()));
    }
}
