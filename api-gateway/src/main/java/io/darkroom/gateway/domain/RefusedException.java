package io.darkroom.gateway.domain;

import java.time.Duration;

/**
 * A request refused for a reason the client should see (401 wrong password, 404 an unknown share link, 409 a taken
 * name, 429 too many attempts); the message is shown to the user as is.
 */
public class RefusedException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public RefusedException(int status, String message) {
        this(status, message, null);
    }

    public RefusedException(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** Null unless the client may try again after this long. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
