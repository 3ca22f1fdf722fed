package io.darkroom.index.domain;

import java.time.Instant;
import java.util.Objects;

/** When an item was captured and which evidence said so. */
public record TakenAt(Instant instant, TakenAtSource source) {

    public TakenAt {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(source, "source");
    }
}
