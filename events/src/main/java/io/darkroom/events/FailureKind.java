package io.darkroom.events;

/**
 * Darkroom's failure taxonomy. Permanent kinds are never retried automatically; {@link #TRANSIENT} is
 * retried with backoff before it is reported.
 */
public enum FailureKind {
    /** Zero bytes: nothing to read. */
    EMPTY,
    /** The bytes do not decode: truncated, corrupt, or not what the name claims. */
    CORRUPT,
    /** A valid file of a format Darkroom does not handle. */
    UNSUPPORTED,
    /** Over a configured limit (pixels, bytes, duration): refused to protect the worker. */
    TOO_LARGE,
    /** Infrastructure (database, broker, storage) kept failing after retries. */
    TRANSIENT;

    public boolean permanent() {
        return this != TRANSIENT;
    }
}
