package io.darkroom.gateway.domain;

/** Parses a database id from a path segment: a positive whole number, anything else is the client's mistake. */
public final class Ids {

    private static final int ECHO_LIMIT = 40;

    private Ids() {
    }

    /** {@code what} names the id in the 400's message, e.g. "A media id". */
    public static long parse(String raw, String what) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String shown = raw == null ? "" : raw.length() > ECHO_LIMIT ? raw.substring(0, ECHO_LIMIT) + "…" : raw;
        throw new InvalidRequestException(what + " is a positive whole number, not '" + shown + "'.");
    }
}
