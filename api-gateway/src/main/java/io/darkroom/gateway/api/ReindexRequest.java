package io.darkroom.gateway.api;

import java.util.List;

/**
 * Body of {@code POST /api/v1/library/reindex}, one of: {@code items}, 1 to 500 item ids (as JSON strings or
 * numbers), or {@code "failed": true} for every item that failed somewhere.
 */
public record ReindexRequest(List<String> items, Boolean failed) {
}
