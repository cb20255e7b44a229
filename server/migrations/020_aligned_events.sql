-- Issue 26: translations brought in from a published document (POST …/align/apply) are
-- recorded in their history as `aligned`, so a reviewer can tell them from edits and imports.
ALTER TABLE translation_events DROP CONSTRAINT translation_events_kind_check;
ALTER TABLE translation_events ADD CONSTRAINT translation_events_kind_check
  CHECK (kind IN ('edit', 'approve', 'reconfirm', 'revert', 'import', 'stale', 'source', 'suggestion', 'aligned'));
