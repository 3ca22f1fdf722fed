package io.darkroom.gateway.domain;

import java.time.Duration;

/** An on-demand size was asked for but did not appear within the wait (answered 504; the client may retry). */
public class ThumbnailNotReadyException extends RuntimeException {

    public ThumbnailNotReadyException(Duration waited) {
        super("The picture is still being made (waited %d s); try again in a few seconds.".formatted(
                waited.toSeconds()));
    }
}
