-- Lockstep schema, version 22: each person's interface language (issue 20, item 4).
--
-- Kept on the server, not only in the browser's storage, so that the interface a person chose
-- follows them to another browser or computer. NULL: never chosen, the browser's languages decide.
-- The allowed codes are checked by the API (the UI languages); the column only keeps the shape.

ALTER TABLE users ADD COLUMN ui_language text CHECK (ui_language ~ '^[a-z]{2,3}$');
