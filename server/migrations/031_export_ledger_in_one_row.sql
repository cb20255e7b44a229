-- Lockstep schema, version 31: an export's ledger is one row, its units three parallel arrays.
--
-- The ledger said per unit which segment, at which translation version, with which source
-- hash the file was written (xliff.md "Import rules"): one row per unit in
-- xliff_export_units, with a primary-key entry and two foreign-key checks each. Recording a
-- 10,000-unit export took 133-277 ms of an export whose goal is 150 (bench `xliff-10k-*`,
-- "export ledger ms"); the same facts aggregated into arrays of one row took a third to a
-- fifth of that in psql, the same SELECT feeding both. The rows are only ever read whole, by
-- export id, on import; they are never changed.
--
-- What the foreign key on segment_id gave up: segments are never deleted while their
-- document exists (a revision retires them), and a document's exports go with it; an id in
-- the ledger that names no segment would only find nothing on import, as an unknown unit.
-- Its check also locked each named segment (FOR KEY SHARE), which in the export's REPEATABLE
-- READ transaction could fail as a serialization failure against a concurrent publish.
ALTER TABLE xliff_exports
  ADD COLUMN unit_segment_ids text[],
  ADD COLUMN unit_versions int[],
  ADD COLUMN unit_source_hashes text[];

UPDATE xliff_exports x
   SET unit_segment_ids = u.ids, unit_versions = u.versions, unit_source_hashes = u.hashes
  FROM (SELECT export_id,
               array_agg(segment_id ORDER BY segment_id) AS ids,
               array_agg(translation_version ORDER BY segment_id) AS versions,
               array_agg(source_hash ORDER BY segment_id) AS hashes
          FROM xliff_export_units GROUP BY export_id) u
 WHERE u.export_id = x.id;

UPDATE xliff_exports SET unit_segment_ids = '{}', unit_versions = '{}', unit_source_hashes = '{}' WHERE unit_segment_ids IS NULL;

ALTER TABLE xliff_exports
  ALTER COLUMN unit_segment_ids SET NOT NULL,
  ALTER COLUMN unit_versions SET NOT NULL,
  ALTER COLUMN unit_source_hashes SET NOT NULL,
  ADD CONSTRAINT xliff_exports_units_parallel CHECK (
    cardinality(unit_versions) = cardinality(unit_segment_ids) AND cardinality(unit_source_hashes) = cardinality(unit_segment_ids));

DROP TABLE xliff_export_units;
