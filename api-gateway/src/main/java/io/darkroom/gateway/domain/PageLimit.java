package io.darkroom.gateway.domain;

/** The {@code limit} query parameter of a paged listing: a whole number from 1 to a maximum, or the default. */
public final class PageLimit {

    private PageLimit() {
    }

    public static int parse(String raw, int defaultLimit, int max) {
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit is a whole number from 1 to " + max + ".");
    }
}
