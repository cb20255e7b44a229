-- The XLIFF export ledger (xliff.md): what each exported file said, so an import can tell,
-- unit by unit, whether the source or the server's translation changed since the export.

CREATE TABLE xliff_exports (
  id          text PRIMARY KEY,            -- in the file: 2.0 <file id>, 1.2 <file original>
  document_id text NOT NULL REFERENCES documents (id),
  lang        text NOT NULL,
  revision    integer NOT NULL,
  version     text NOT NULL CHECK (version IN ('1.2', '2.0')),
  scope       text NOT NULL CHECK (scope IN ('all', 'todo')),
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE xliff_export_units (
  export_id           text NOT NULL REFERENCES xliff_exports (id),
  segment_id          text NOT NULL REFERENCES segments (id),
  -- The translation's version when exported (NULL for locked segments, which have none).
  translation_version integer,
  -- Hash of the segment's normalised alignment key: a curly-quote-only revision is not a change.
  source_hash         text NOT NULL,
  PRIMARY KEY (export_id, segment_id)
);
