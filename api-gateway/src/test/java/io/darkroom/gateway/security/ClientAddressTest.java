package io.darkroom.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.gateway.SecurityConfig;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindNginx = new ClientAddress(config(List.of("127.0.0.1/32", "10.0.0.0/8", "::1/128")));

    @Test
    void aDirectClientIsWhoItIsWhateverItsHeadersSay() {
        assertThat(behindNginx.resolve("203.0.113.9", "1.2.3.4", "5.6.7.8")).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyCloudflaresHeaderWinsThenTheRightmostUntrustedHop() {
        assertThat(behindNginx.resolve("127.0.0.1", "198.51.100.4", "9.9.9.9")).isEqualTo("198.51.100.4");
        // a client may write anything on the left; the hops our proxies appended are on the right
        assertThat(behindNginx.resolve("127.0.0.1", null, "6.6.6.6, 198.51.100.5, 10.1.2.3")).isEqualTo("198.51.100.5");
        assertThat(behindNginx.resolve("::1", null, "2001:db8::7")).isEqualTo("2001:db8::7");
    }

    @Test
    void garbageInTheHeadersFallsBackToThePeer() {
        assertThat(behindNginx.resolve("127.0.0.1", "not-an-ip", "evil.example.com")).isEqualTo("127.0.0.1");
        assertThat(behindNginx.resolve("127.0.0.1", null, "")).isEqualTo("127.0.0.1");
        assertThat(behindNginx.resolve("10.0.0.2", null, "10.0.0.3")).isEqualTo("10.0.0.2");
    }

    @Test
    void aPrefixMatchesItsWholeRangeAndNothingElse() {
        ClientAddress.Cidr range = ClientAddress.Cidr.parse("173.245.48.0/20");
        assertThat(range.contains(ClientAddress.literal("173.245.63.255"))).isTrue();
        assertThat(range.contains(ClientAddress.literal("173.245.64.0"))).isFalse();
        assertThat(range.contains(ClientAddress.literal("2400:cb00::1"))).isFalse();
        assertThat(ClientAddress.Cidr.parse("2400:cb00::/32").contains(ClientAddress.literal("2400:cb00:1::2"))).isTrue();
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    static SecurityConfig config(List<String> trusted) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(),
                new Class<?>[] {SecurityConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "trustedProxies" -> trusted;
                    case "attemptsPerAddress" -> 3;
                    case "attemptWindow" -> java.time.Duration.ofMinutes(10);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
