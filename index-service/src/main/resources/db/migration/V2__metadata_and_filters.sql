-- Normalised metadata beside the V1 columns (api-gateway reads those unchanged), and the indexes the
-- timeline filters need at 1,000,000 items. Every filter index ends in (taken_at, id), so a filtered
-- timeline is still a keyset scan: WHERE <filter> AND status = 'INDEXED' AND (taken_at, id) < (?, ?)
-- ORDER BY taken_at DESC, id DESC LIMIT n reads n index entries, whatever the page.
-- Year/month filters are taken_at ranges on idx_item_timeline (status, taken_at, id) from V1.

ALTER TABLE media_item
    -- the offset the file states for taken_at (+01:00, Z as +00:00), NULL when it does not say
    ADD COLUMN taken_at_zone      VARCHAR(6)    NULL AFTER taken_at_source,
    -- the folder inside the root ('' at the top): SHA-256 of root ':' folder for the folder filter
    ADD COLUMN folder_hash        BINARY(32)    NULL AFTER file_name,
    ADD COLUMN camera_make        VARCHAR(64)   NULL,
    ADD COLUMN camera_model       VARCHAR(128)  NULL,
    ADD COLUMN lens               VARCHAR(128)  NULL,
    ADD COLUMN exposure_s         DOUBLE        NULL,
    ADD COLUMN f_number           DECIMAL(5,2)  NULL,
    ADD COLUMN iso                INT           NULL,
    ADD COLUMN focal_length_mm    DECIMAL(7,2)  NULL,
    -- validated: no 0,0, nothing out of range; altitude only between -500 m and 10,000 m
    ADD COLUMN gps_lat            DECIMAL(10,7) NULL,
    ADD COLUMN gps_lng            DECIMAL(10,7) NULL,
    ADD COLUMN gps_alt            DECIMAL(8,2)  NULL,
    ADD COLUMN video_codec        VARCHAR(16)   NULL,
    ADD COLUMN audio_codec        VARCHAR(16)   NULL,
    ADD COLUMN fps                DECIMAL(7,3)  NULL,
    -- video rotation in degrees: 0, 90, 180, 270
    ADD COLUMN rotation           SMALLINT      NULL,
    ADD COLUMN title              VARCHAR(512)  NULL,
    ADD COLUMN description        TEXT          NULL,
    -- keywords, one per line
    ADD COLUMN keywords           TEXT          NULL,
    -- -1 (rejected) .. 5
    ADD COLUMN rating             TINYINT       NULL,
    -- Apple ContentIdentifier / MediaGroupUUID: pairs a Live Photo's image and video
    ADD COLUMN content_identifier VARCHAR(64)   NULL,
    -- the stack: root:folder/base name, lower case (RAW+JPEG, Live Photo halves, IMG_E edits, sidecars)
    ADD COLUMN group_key          VARCHAR(255)  NULL,
    -- set by the user through the gateway (a later issue); kept across moves because the item keeps its row
    ADD COLUMN favourite          BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD KEY idx_item_camera (camera_make, camera_model, status, taken_at, id),
    ADD KEY idx_item_kind (kind, status, taken_at, id),
    ADD KEY idx_item_favourite (favourite, status, taken_at, id),
    ADD KEY idx_item_folder (folder_hash, status, taken_at, id),
    ADD KEY idx_item_content_identifier (content_identifier),
    ADD KEY idx_item_group (group_key);
