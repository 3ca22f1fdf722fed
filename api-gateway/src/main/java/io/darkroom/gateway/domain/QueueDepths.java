package io.darkroom.gateway.domain;

/**
 * Records waiting for each stage (consumer lag on its input topic): files to index, items to thumbnail, items to
 * consider for transcoding.
 */
public record QueueDepths(long index, long thumbnails, long transcodes) {
}
