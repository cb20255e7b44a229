-- Lockstep schema, version 10: the history knows which source a stale text was made for.
--
-- The translation memory offers a segment's earlier texts. A text written before the
-- segment's source changed translates the OLD source: scored against the current one it
-- showed as a "100% match" for a sentence it does not translate (issue 17, item 3). The
-- translation row keeps that old source (`previous_source`) only while it is stale; a new
-- save clears it. So the event that marks a translation stale now keeps it too: every text
-- of this segment older than that event was made for that source (services/memory.ts).
ALTER TABLE translation_events ADD COLUMN previous_source text;

-- Translations stale today: their current stale episode (the stale events after the last
-- event in another state) was made against the row's previous_source. Older episodes are
-- not recorded anywhere; the memory leaves their texts out rather than guess their source.
UPDATE translation_events e
   SET previous_source = t.previous_source
  FROM translations t
 WHERE t.state = 'stale' AND t.previous_source IS NOT NULL
   AND e.segment_id = t.segment_id AND e.lang = t.lang
   AND e.kind = 'stale' AND e.state = 'stale'
   AND e.id > coalesce((SELECT max(o.id) FROM translation_events o
                         WHERE o.segment_id = t.segment_id AND o.lang = t.lang AND o.state <> 'stale'), 0);
