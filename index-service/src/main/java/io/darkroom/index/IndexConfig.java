package io.darkroom.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** index-service's business settings. */
@ConfigMapping(prefix = "darkroom.index")
public interface IndexConfig {

    /** The zone of capture times that carry no offset: EXIF without OffsetTimeOriginal, dates in file names. */
    @WithDefault("UTC")
    ZoneId defaultZone();

    /** Metadata extraction with Tika. */
    Extraction extraction();

    /** Retries of transient failures (database, broker, a full extraction queue) before the dead-letter topic. */
    Retry retry();

    /** File events written together: one catalog transaction (and one redo-log flush) per batch, not per file. */
    Batch batch();

    /** Reading again, once their root is back, the files that failed because it was out of reach (unmounted). */
    OutOfReach outOfReach();

    interface Extraction {

        /** Threads of the named extraction pool ({@code index-extraction-N}): files read at the same time. */
        @WithDefault("2")
        int threads();

        /** Files that may wait for a thread; beyond this an extraction is refused (and retried). */
        @WithDefault("16")
        int queueSize();

        /** Hard limit for reading one file's metadata; a file over it is recorded as TOO_LARGE. */
        @WithDefault("20s")
        Duration timeout();

        /**
         * Most bytes a parser may read from one file (skipping image and movie data is free); a file whose
         * metadata would need more is recorded as TOO_LARGE. Caps the memory and I/O a malformed file can cost.
         */
        @WithDefault("67108864")
        long maxBytesRead();
    }

    interface Retry {

        /** Attempts after the first one. */
        @WithDefault("4")
        int maxRetries();

        /** Backoff before the first retry; it doubles, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("250ms")
        Duration initialBackoff();

        /** Longest backoff between two attempts. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * How long a record whose work fails because the database (or broker) cannot be reached is retried,
         * whatever {@link #maxRetries()} says: a restart of MariaDB outlasts four quick retries, and a record
         * dead-lettered then would leave its file out of the catalog for good.
         */
        @WithDefault("10m")
        Duration unreachableFor();
    }

    interface Batch {

        /**
         * Most file events in one catalog transaction; also the channel's {@code max.poll.records}. A poll with
         * fewer records is written as it is, without waiting for more. 50 measured 5.9-6.7x exiftool's rate on
         * 12 MP JPEGs where one event per transaction gave 1.4-1.6x (docs/PERFORMANCE.md); 1 restores one
         * transaction per event.
         */
        @WithDefault("50")
        int size();
    }

    interface OutOfReach {

        /** How often the roots are looked at: at most this long after a root returns, its files are asked for. */
        @WithDefault("30s")
        Duration interval();

        /** Most items asked for in one round (all roots); more wait for the next round. */
        @WithDefault("200")
        int batchSize();

        /**
         * An item asked for is not asked for again before this (its command may still wait in the topic behind
         * others; a re-read of a large video takes seconds). One asked again applies only if still out of reach.
         */
        @WithDefault("10m")
        Duration askAgainAfter();
    }
}
