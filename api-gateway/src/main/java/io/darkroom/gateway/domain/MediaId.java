package io.darkroom.gateway.domain;

/** Parses a media id from a path segment: a positive whole number, anything else is the client's mistake. */
public final class MediaId {

    private MediaId() {
    }

    public static long parse(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("A media id is a positive whole number, not '" + raw + "'.");
    }
}
