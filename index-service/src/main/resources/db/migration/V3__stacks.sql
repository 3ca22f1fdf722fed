-- Stacks (domain/Stacks, docs/metadata.md): whether an item stands for its stack in the timeline. A RAW beside its
-- JPEG, an original beside its IMG_E edit, a Live Photo's motion half (kind LIVE_PHOTO) and sidecars are FALSE;
-- the timeline lists stack_primary = TRUE, and a stack's other files are found by group_key.
ALTER TABLE media_item
    ADD COLUMN stack_primary BOOLEAN NOT NULL DEFAULT TRUE AFTER group_key,
    ADD KEY idx_item_stack_timeline (stack_primary, status, taken_at, id);

-- rows catalogued before stacks: sidecars are never shown; the rest are arranged at their next event
UPDATE media_item SET stack_primary = FALSE WHERE kind = 'SIDECAR';
