-- Text search for the gateway's ?q=: one FULLTEXT index over a case-insensitive copy of the words a family searches
-- (file name, title, description, keywords). The table's collation is utf8mb4_bin, under which FULLTEXT would be
-- case-sensitive; the generated column carries its own collation instead.
ALTER TABLE media_item
    ADD COLUMN search_text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
        AS (CONCAT_WS(' ', file_name, title, description, REPLACE(keywords, '\n', ' '))) STORED,
    ADD FULLTEXT KEY ft_item_search (search_text);

-- Archive / hide, set by the family through the gateway (by command, index-service writes it): archived items
-- leave the timeline but keep their albums, favourites and share links.
ALTER TABLE media_item
    ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE AFTER favourite;
