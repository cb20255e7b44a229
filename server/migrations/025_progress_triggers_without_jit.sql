-- Lockstep schema, version 25: the progress triggers run without JIT compilation.
--
-- The planner estimates a transition table (old_rows/new_rows) at thousands of rows and a
-- scalar subquery per row on top, so the triggers' statements cost past `jit_above_cost` and
-- PostgreSQL compiled them with LLVM on every call. Measured with auto_explain on a 10,000-
-- segment publish that marks 500 segments stale in 8 languages (tests/src/bench/publish.ts, a
-- loaded 2-core machine): one statement of the translations' trigger ran 22 ms and compiled
-- 433 ms (inlining 71, optimization 228, emission 132); the trigger was 437 of the UPDATE's
-- 580 ms. These statements touch the rows of one statement and a few progress rows: they
-- never run long enough to pay back a compilation. `SET jit = off` on the functions turns it
-- off for them only (a function-level setting holds while the function runs); everything
-- else keeps the server's setting. PGlite has no JIT: there the setting changes nothing.
ALTER FUNCTION lockstep_translations_progress() SET jit = off;
ALTER FUNCTION lockstep_segments_progress() SET jit = off;
ALTER FUNCTION lockstep_documents_progress() SET jit = off;
ALTER FUNCTION lockstep_revision_completion() SET jit = off;
