-- Albums: the family's own curation, so api-gateway's tables (index-service stays the only writer of media_item).
-- album_item.item_id has no foreign key into media_item on purpose: the two services migrate independently, and
-- an item purged by an admin simply drops out of album listings (they join media_item).

CREATE TABLE album (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    owner_id        BIGINT       NOT NULL,
    title           VARCHAR(200) NOT NULL,
    -- NULL: the first item is the cover
    cover_item_id   BIGINT       NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_album_owner (owner_id),
    CONSTRAINT fk_album_owner FOREIGN KEY (owner_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE album_item (
    album_id        BIGINT       NOT NULL,
    item_id         BIGINT       NOT NULL,
    -- the order the family chose; gaps are fine, ties broken by item_id
    position        INT          NOT NULL,
    added_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (album_id, item_id),
    KEY idx_album_item_order (album_id, position, item_id),
    CONSTRAINT fk_album_item_album FOREIGN KEY (album_id) REFERENCES album (id) ON DELETE CASCADE
) ENGINE = InnoDB;
