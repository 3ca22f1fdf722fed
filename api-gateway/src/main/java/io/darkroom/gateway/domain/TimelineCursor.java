package io.darkroom.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a timeline page ended: the last item's {@code (taken_at, id)}. The timeline runs newest first, items
 * without a date last; a cursor with no {@code takenAt} is in that undated tail. Clients see it only as an opaque
 * string.
 *
 * @param takenAt the last item's capture time (millisecond precision, as the catalog stores it), or null
 * @param id      the last item's id
 */
public record TimelineCursor(Instant takenAt, long id) {

    private static final String VERSION = "t1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public TimelineCursor {
        if (id <= 0) {
            throw new IllegalArgumentException("An item id is positive: " + id);
        }
    }

    public String encode() {
        String plain = VERSION + ":" + (takenAt == null ? "" : Long.toString(takenAt.toEpochMilli())) + ":" + id;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor this API handed out; anything else is the client's mistake. */
    public static TimelineCursor decode(String cursor) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown format");
            }
            Instant takenAt = parts[1].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[1]));
            return new TimelineCursor(takenAt, Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidRequestException(
                    "The cursor is not valid: pass the nextCursor of the previous page unchanged.");
        }
    }
}
