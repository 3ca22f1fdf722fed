package io.darkroom.transcode.domain;

import io.darkroom.events.FailureKind;

/** A permanent reason why a video gets no browser-playable version, with FFmpeg's message. */
public final class TranscodeFailure extends Exception {

    private final FailureKind kind;

    public TranscodeFailure(FailureKind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
