package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The session cookie: HttpOnly (scripts cannot read it), Secure, SameSite=Lax (not sent on cross-site POSTs; a
 * link from a mail still opens the gallery signed in) and scoped to the whole site, since the gallery and the API
 * share it.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "darkroom_session";

    private final SecurityConfig config;

    public SessionCookie(SecurityConfig config) {
        this.config = config;
    }

    public NewCookie issue(String value, Duration maxAge) {
        return build(NAME, value, "/", (int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()));
    }

    public NewCookie clear() {
        return build(NAME, "", "/", 0);
    }

    /** Cookies are also how a share page's images prove their unlocked grant; those are scoped to the share's path. */
    public NewCookie build(String name, String value, String path, int maxAgeSeconds) {
        return new NewCookie.Builder(name).value(value).path(path).maxAge(maxAgeSeconds).httpOnly(true)
                .secure(config.cookieSecure()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
