package io.darkroom.index.domain;

/** {@code media_item.status}. */
public enum ItemStatus {
    INDEXED,
    FAILED,
    MISSING
}
