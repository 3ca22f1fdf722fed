package io.darkroom.events;

/** What an item is, decided from its content, not its extension. */
public enum MediaKind {
    IMAGE,
    RAW,
    VIDEO,
    ANIMATED,
    LIVE_PHOTO,
    SIDECAR
}
