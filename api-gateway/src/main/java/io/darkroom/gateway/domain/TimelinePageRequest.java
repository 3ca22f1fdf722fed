package io.darkroom.gateway.domain;

/**
 * One page of the timeline as asked for: how many items, and after which cursor (null for the first page).
 */
public record TimelinePageRequest(int limit, TimelineCursor after) {

    /** Validates the raw query parameters; a missing {@code limit} takes the default. */
    public static TimelinePageRequest of(String limit, String cursor, int defaultLimit, int maxLimit) {
        return new TimelinePageRequest(parseLimit(limit, defaultLimit, maxLimit),
                cursor == null || cursor.isEmpty() ? null : TimelineCursor.decode(cursor));
    }

    private static int parseLimit(String raw, int defaultLimit, int maxLimit) {
        if (raw == null || raw.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be a whole number from 1 to " + maxLimit + ", not '" + raw + "'.");
    }
}
