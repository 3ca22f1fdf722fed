package io.darkroom.gateway.security;

import io.darkroom.gateway.domain.InvalidRequestException;
import java.util.regex.Pattern;

/** What a username and a new password must look like; checked before anything is hashed or stored. */
public final class Credentials {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private Credentials() {
    }

    public static String username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidRequestException("A username is 1 to 64 letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit.");
        }
        return username;
    }

    public static String newPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH
                || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new InvalidRequestException("A password is " + MIN_PASSWORD_LENGTH + " to "
                    + PasswordHasher.MAX_PASSWORD_LENGTH + " characters long.");
        }
        return password;
    }

    /** A password offered at sign-in: only bounded, so that hashing it stays cheap. */
    public static String offeredPassword(String password) {
        if (password == null || password.isEmpty() || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new InvalidRequestException("Send a password of 1 to " + PasswordHasher.MAX_PASSWORD_LENGTH
                    + " characters.");
        }
        return password;
    }
}
