package io.darkroom.gateway.security;

import java.util.Locale;
import java.util.Optional;

/** What an account may do: admins everything, users curate and share, viewers only look. */
public enum Role {
    ADMIN, USER, VIEWER;

    /** The names {@code @RolesAllowed} takes (annotation values must be constants). */
    public static final String ADMIN_NAME = "admin";
    public static final String USER_NAME = "user";
    public static final String VIEWER_NAME = "viewer";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
