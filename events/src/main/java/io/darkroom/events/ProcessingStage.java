package io.darkroom.events;

/** The pipeline step that failed. */
public enum ProcessingStage {
    INGEST,
    INDEX,
    THUMBNAIL,
    TRANSCODE
}
