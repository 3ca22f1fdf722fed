package io.darkroom.gateway.domain;

/**
 * Where an album page ends: the last item's {@code (position, itemId)}, written {@code "<position>.<itemId>"} in the
 * API. Album order is a keyset walk of {@code idx_album_item_order}, like the timeline.
 */
public record AlbumPosition(int position, long itemId) {

    public static AlbumPosition parse(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts = cursor.split("\\.", -1);
        try {
            if (parts.length == 2) {
                return new AlbumPosition(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidRequestException("cursor is the nextCursor of the previous page, such as 17.4242.");
    }

    @Override
    public String toString() {
        return position + "." + itemId;
    }
}
