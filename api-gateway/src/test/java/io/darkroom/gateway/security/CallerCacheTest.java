package io.darkroom.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.gateway.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallerCacheTest {

    private final MutableClock clock = new MutableClock();
    private final CallerCache cache = new CallerCache(Duration.ofSeconds(10), clock);

    @Test
    void aCallerIsRememberedForItsTimeOnlyAndOnlyForItsOwnMethod() {
        Caller session = caller(Caller.Method.SESSION, 1);
        cache.remember(session, cache.generation());

        assertThat(cache.find(hash(1), Caller.Method.SESSION)).contains(session);
        assertThat(cache.find(hash(1), Caller.Method.API_TOKEN)).isEmpty();
        clock.now = clock.now.plusSeconds(10);
        assertThat(cache.find(hash(1), Caller.Method.SESSION)).isEmpty();
    }

    @Test
    void anyChangeForgetsEveryoneAndALookupThatRacedItIsNotRemembered() {
        cache.remember(caller(Caller.Method.SESSION, 1), cache.generation());
        long before = cache.generation();

        cache.forgetAll(); // a sign-out while another request's lookup was under way
        cache.remember(caller(Caller.Method.API_TOKEN, 2), before);

        assertThat(cache.find(hash(1), Caller.Method.SESSION)).isEmpty();
        assertThat(cache.find(hash(2), Caller.Method.API_TOKEN)).isEmpty();
    }

    @Test
    void aZeroTimeRemembersNothing() {
        CallerCache off = new CallerCache(Duration.ZERO, clock);
        off.remember(caller(Caller.Method.SESSION, 1), off.generation());
        assertThat(off.find(hash(1), Caller.Method.SESSION)).isEmpty();
    }

    private static Caller caller(Caller.Method method, int id) {
        return new Caller(id, "user-" + id, Role.USER, method, null, hash(id));
    }

    private static byte[] hash(int id) {
        byte[] hash = new byte[32];
        hash[0] = (byte) id;
        return hash;
    }
}
