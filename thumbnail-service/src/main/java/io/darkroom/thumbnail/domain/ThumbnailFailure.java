package io.darkroom.thumbnail.domain;

import io.darkroom.events.FailureKind;

/** A permanent reason why an item gets no thumbnails: reported, never retried. */
public final class ThumbnailFailure extends Exception {

    private final FailureKind kind;

    public ThumbnailFailure(FailureKind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
