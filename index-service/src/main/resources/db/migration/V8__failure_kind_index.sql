-- index-service's OutOfReachRecovery looks, every 30 s and per root, for items whose failure was their root's absence
-- (TRANSIENT, reason "The library root '<root>' ..."). This key makes that a lookup among the TRANSIENT failures of
-- the root instead of a walk of the whole table; failure_kind is NULL for nearly every row, and rarely written.
ALTER TABLE media_item
    ADD KEY idx_item_failure (failure_kind, root);
