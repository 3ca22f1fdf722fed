package io.darkroom.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking, as the authentication mechanism established it: an account, and whether it came with a cookie
 * session (then unsafe requests must carry the CSRF token) or an API token (scripts: no cookie, no CSRF).
 */
public record Caller(long accountId, String username, Role role, Method method, String csrfToken, byte[] secretHash) {

    public enum Method { SESSION, API_TOKEN }

    static final String ATTRIBUTE = "darkroom.caller";

    /** The caller of an authenticated request. */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
