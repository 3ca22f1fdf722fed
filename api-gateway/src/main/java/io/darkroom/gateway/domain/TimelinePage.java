package io.darkroom.gateway.domain;

import java.util.List;

/** A page of the timeline and the cursor of the next one (null on the last page). */
public record TimelinePage(List<MediaItem> items, TimelineCursor next) {
}
