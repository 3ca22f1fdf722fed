package io.darkroom.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may sign in, for how long, and which addresses are proxies we believe (docs/security.md). */
@ConfigMapping(prefix = "darkroom.gateway.security")
public interface SecurityConfig {

    /** The first admin's name, created at the first start when there is no account at all. */
    @WithDefault("admin")
    String adminUsername();

    /**
     * The first admin's password ({@code DARKROOM_ADMIN_PASSWORD}). Without it a random one is made and printed
     * once in the log.
     */
    Optional<String> initialAdminPassword();

    /** A session unused this long ends; each use extends it. */
    @WithDefault("14d")
    Duration sessionIdleTimeout();

    /** No session lives longer than this, however often it is used. */
    @WithDefault("90d")
    Duration sessionMaxAge();

    /**
     * The session cookie's {@code Secure} flag. Browsers accept Secure cookies from {@code http://localhost}, so this
     * stays on except for plain-HTTP tests and LAN setups without TLS.
     */
    @WithDefault("true")
    boolean cookieSecure();

    /** Consecutive failed logins that lock an account... */
    @WithDefault("5")
    int maxFailedLogins();

    /** ...for this long. */
    @WithDefault("15m")
    Duration lockout();

    /** Failed logins and share-link unlocks one client address may make per {@link #attemptWindow()}. */
    @WithDefault("20")
    int attemptsPerAddress();

    @WithDefault("10m")
    Duration attemptWindow();

    /**
     * Addresses (CIDR) of the proxies in front of us (nginx): only from these are CF-Connecting-IP and
     * X-Forwarded-For believed. Anyone else could write any address into those headers.
     */
    @WithDefault("127.0.0.1/32,::1/128")
    List<String> trustedProxies();

    /**
     * How long a signed-in caller is remembered without asking the database again (CallerCache). A change made
     * through this gateway (sign-out, revoked token, role, password, disabled account) applies at once; one made
     * through another gateway instance within this time. 0 asks the database on every request.
     */
    @WithDefault("10s")
    Duration callerCacheTtl();

    /** How long an unlocked password-protected share link stays open in that browser. */
    @WithDefault("24h")
    Duration shareGrantTtl();
}
