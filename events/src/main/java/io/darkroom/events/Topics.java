package io.darkroom.events;

/**
 * Every Kafka topic Darkroom uses. Names follow {@code media.<what>.v<schema major>}; each topic has a
 * dead-letter twin ({@link #deadLetter(String)}) for records a consumer could not process at all.
 * {@code docs/events.md} is the catalogue: producer, consumers, key, partitions, retention.
 */
public final class Topics {

    /** {@link FileEvent}s from ingest-service, keyed by {@link FileLocation#key()}. */
    public static final String FILES = "media.files.v1";

    /** {@link MediaIndexed} from index-service, keyed by content hash. */
    public static final String MEDIA_INDEXED = "media.indexed.v1";

    /** {@link ThumbnailsGenerated} from thumbnail-service, keyed by content hash. */
    public static final String THUMBNAILS_GENERATED = "media.thumbnails.generated.v1";

    /** {@link TranscodeCompleted} from transcode-service, keyed by content hash. */
    public static final String TRANSCODE_COMPLETED = "media.transcode.completed.v1";

    /** {@link TranscodeProgress} from transcode-service while a video is transcoded, keyed by content hash. */
    public static final String TRANSCODE_PROGRESS = "media.transcode.progress.v1";

    /** {@link ProcessingFailed} from every stage: bad media with the reason, keyed like the input. */
    public static final String PROCESSING_FAILED = "media.processing.failed.v1";

    /** {@link RescanRequested} commands to ingest-service (from api-gateway), keyed by root name. */
    public static final String RESCAN_REQUESTED = "media.rescan.requested.v1";

    /** {@link ThumbnailRequested} commands to thumbnail-service (from api-gateway), keyed by content hash. */
    public static final String THUMBNAIL_REQUESTED = "media.thumbnail.requested.v1";

    /** {@link ItemMarkRequested} commands to index-service (favourite, archive; from api-gateway), keyed by item id. */
    public static final String ITEM_MARKS = "media.item.marks.v1";

    /** {@link ReindexRequested} commands to index-service (the admin's re-index / retry; from api-gateway), keyed by item id. */
    public static final String REINDEX_REQUESTED = "media.reindex.requested.v1";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: where undeliverable records go, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
