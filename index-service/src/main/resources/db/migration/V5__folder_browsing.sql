-- Browsing by folder (the gateway's /api/v1/folders): the children of a folder are a prefix range of relative_path
-- within a root. A 255-character prefix index keeps the key under InnoDB's limit; longer paths still match, they
-- are only compared past the prefix on the row.
ALTER TABLE media_item
    ADD KEY idx_item_path (root, relative_path(255));
