-- The timeline (api-gateway) lists stack primaries that are not archived, per status, newest first. With archived
-- in the key the page's keys come from the index alone and only the rows shown are read; V3's key without it
-- made every candidate row a lookup (docs/PERFORMANCE.md, api-gateway). This key replaces it.
ALTER TABLE media_item
    ADD KEY idx_item_visible_timeline (stack_primary, archived, status, taken_at, id),
    DROP KEY idx_item_stack_timeline;
