-- The catalog. index-service is its only writer; api-gateway reads it.
-- Designed for 1,000,000 items: the timeline is a keyset scan of idx_item_timeline.

CREATE TABLE media_item (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    root             VARCHAR(64)  NOT NULL,
    relative_path    VARCHAR(1024) NOT NULL,
    -- SHA-256 of root ':' relative_path: a unique key short enough for InnoDB (a 1024-char utf8mb4 key is not)
    location_hash    BINARY(32)   NOT NULL,
    file_name        VARCHAR(255) NOT NULL,
    content_hash     CHAR(64)     NULL,
    size_bytes       BIGINT       NULL,
    modified_at      DATETIME(3)  NULL,
    -- INDEXED, FAILED, MISSING
    status           VARCHAR(16)  NOT NULL,
    kind             VARCHAR(16)  NULL,
    mime_type        VARCHAR(127) NULL,
    width            INT          NULL,
    height           INT          NULL,
    orientation      TINYINT      NULL,
    taken_at         DATETIME(3)  NULL,
    -- which source won: EXIF, QUICKTIME, XMP, FILE_NAME, FILE_MTIME
    taken_at_source  VARCHAR(16)  NULL,
    duration_ms      BIGINT       NULL,
    failure_stage    VARCHAR(16)  NULL,
    failure_kind     VARCHAR(16)  NULL,
    failure_reason   VARCHAR(1024) NULL,
    -- PENDING, DONE, FAILED (NULL when the stage does not apply)
    thumbnail_status VARCHAR(16)  NULL,
    transcode_status VARCHAR(16)  NULL,
    transcode_path   VARCHAR(512) NULL,
    -- occurredAt of the newest file event applied: an older, reordered event is ignored
    last_event_at    DATETIME(6)  NOT NULL,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_item_location (location_hash),
    KEY idx_item_content (content_hash),
    KEY idx_item_timeline (status, taken_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE media_thumbnail (
    content_hash CHAR(64)     NOT NULL,
    size_name    VARCHAR(32)  NOT NULL,
    width        INT          NOT NULL,
    height       INT          NOT NULL,
    format       VARCHAR(8)   NOT NULL,
    storage_path VARCHAR(512) NOT NULL,
    PRIMARY KEY (content_hash, size_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Idempotent consumers: an event id recorded in the same transaction as its effect is never applied twice.
CREATE TABLE processed_event (
    event_id     CHAR(36)    NOT NULL,
    processed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (event_id)
) ENGINE = InnoDB;
