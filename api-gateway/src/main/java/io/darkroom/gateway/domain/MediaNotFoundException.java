package io.darkroom.gateway.domain;

/** No catalog item has this id (answered with 404). */
public class MediaNotFoundException extends RuntimeException {

    public MediaNotFoundException(long id) {
        super("There is no media item with id " + id + ".");
    }
}
