package io.darkroom.events;

/** What transcode-service decided for a video. */
public enum TranscodeOutcome {
    /** A browser-playable copy was written. */
    TRANSCODED,
    /** The original already plays in browsers; it is served as is. */
    ORIGINAL_PLAYABLE
}
