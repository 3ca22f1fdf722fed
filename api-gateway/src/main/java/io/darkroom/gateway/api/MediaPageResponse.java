package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.TimelinePage;
import java.util.List;

/** A timeline page; pass {@code nextCursor} as {@code cursor} for the next one (null on the last page). */
public record MediaPageResponse(List<MediaItemResponse> items, String nextCursor) {

    public static MediaPageResponse from(TimelinePage page) {
        return new MediaPageResponse(page.items().stream().map(MediaItemResponse::from).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
