package io.darkroom.index.domain;

/** A record that is not a valid event for its topic: never retried, it goes to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
