package io.darkroom.gateway.domain;

/** A request the client must fix (answered with 400); the message is shown to the user as is. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
