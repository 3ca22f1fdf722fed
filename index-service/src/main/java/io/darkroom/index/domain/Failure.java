package io.darkroom.index.domain;

import io.darkroom.events.FailureKind;
import java.util.Objects;

/** Why a file cannot be catalogued, in words a person understands. */
public record Failure(FailureKind kind, String reason) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
