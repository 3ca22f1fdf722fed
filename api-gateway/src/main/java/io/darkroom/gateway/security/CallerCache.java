package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Callers recently authenticated, by the SHA-256 of their session id or API token, for
 * {@code darkroom.gateway.security.caller-cache-ttl}: a screen of the grid is a burst of thumbnail requests, and
 * each would otherwise cost a database round trip before its file is sent (docs/PERFORMANCE.md, api-gateway).
 *
 * <p>Every change to accounts, sessions or tokens empties it ({@link #forgetAll}, called by their repositories
 * after the write). A lookup that was under way during such a change is not remembered: {@link #generation} taken
 * before the lookup no longer matches.
 */
@ApplicationScoped
public class CallerCache {

    /** Far more callers than a family has; past it the cache starts over rather than grow. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, Instant until) {
    }

    private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public CallerCache(SecurityConfig config, Clock clock) {
        this(config.callerCacheTtl(), clock);
    }

    CallerCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The caller remembered for this secret's hash and method, while its time lasts. */
    public Optional<Caller> find(byte[] secretHash, Caller.Method method) {
        ByteBuffer key = ByteBuffer.wrap(secretHash);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.until().isAfter(clock.instant()) || entry.caller().method() != method) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Taken before a database lookup and handed back to {@link #remember}. */
    public long generation() {
        return generation.get();
    }

    /** Remembers a caller just read from the database, unless something changed since {@code lookedUpAt}. */
    public void remember(Caller caller, long lookedUpAt) {
        if (ttl.isZero() || lookedUpAt != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(ByteBuffer.wrap(caller.secretHash()), new Entry(caller, clock.instant().plus(ttl)));
        if (lookedUpAt != generation.get()) { // a change raced the put: it must not survive it
            entries.clear();
        }
    }

    /** After any write to accounts, sessions or tokens. */
    public void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }
}
