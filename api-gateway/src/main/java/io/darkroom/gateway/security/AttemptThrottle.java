package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins and share unlocks per client address in a fixed window, in this instance's memory: enough to
 * slow a password-guessing script to a crawl without a shared store. The per-account lockout (in the database)
 * catches guessing spread over many addresses.
 */
@ApplicationScoped
public class AttemptThrottle {

    /** Forget old windows once this many addresses are tracked, so a flood of addresses cannot grow the map forever. */
    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final SecurityConfig config;
    private final Clock clock;

    @jakarta.inject.Inject
    public AttemptThrottle(SecurityConfig config) {
        this(config, Clock.systemUTC());
    }

    AttemptThrottle(SecurityConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Whether this address may try again now. */
    public boolean allows(String address) {
        Window window = windows.get(key(address));
        return window == null || window.expired(clock.instant()) || window.failures < config.attemptsPerAddress();
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> w.expired(now));
        }
        windows.compute(key(address), (k, w) -> w == null || w.expired(now)
                ? new Window(now.plus(config.attemptWindow()), 1)
                : new Window(w.until, w.failures + 1));
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    private record Window(Instant until, int failures) {
        boolean expired(Instant now) {
            return !now.isBefore(until);
        }
    }
}
