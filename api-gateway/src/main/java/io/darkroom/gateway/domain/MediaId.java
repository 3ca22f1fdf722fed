package io.darkroom.gateway.domain;

/** Parses a media id from a path segment: a positive whole number, anything else is the client's mistake. */
public final class MediaId {

    private MediaId() {
    }

    public static long parse(String raw) {
        return Ids.parse(raw, "A media id");
    }
}
