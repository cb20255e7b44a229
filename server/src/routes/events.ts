import { invalid } from '@lockstep/shared';
import type { Request } from 'express';
import type { Db } from '../db/db.js';
import type { LiveEvents } from '../events/bus.js';
import type { OpenStreams } from '../events/streams.js';
import { openEventStream, type EventStream } from '../events/sse.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { eventData, startStream } from '../services/events.js';

export const DEFAULT_HEARTBEAT_MS = 20_000;

/** EventSource sends `Last-Event-ID` on its own reconnects; `?lastEventId=` serves a reconnect by hand. */
function lastEventIdOf(req: Request): number | undefined {
  const header = req.get('last-event-id');
  const raw = header !== undefined && header !== '' ? header : req.query.lastEventId;
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) {
    throw invalid('invalid_last_event_id', 'Last-Event-ID (or lastEventId) must be the id of an event of this stream: a whole number.');
  }
  return Number(raw.trim());
}

/**
 * `GET /api/documents/:doc/events` (api.md "Live events"): the document's translation,
 * revision and import events as Server-Sent Events, with ids for `Last-Event-ID` resumption.
 * The first event, `ready`, names where the stream starts (its id is the reader's cursor, so
 * even a reader that saw no event resumes without a gap); `reset` tells a reader that cannot
 * resume to reload instead.
 */
export function eventRoutes(routes: RouteTable, db: Db, live: LiveEvents, streams: OpenStreams, opts: { heartbeatMs?: number } = {}): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/events',
    action: 'read',
    async handler(req, res) {
      const { id: userId, tokenId } = req.auth!.user;
      let stream: EventStream | undefined;
      // Admitted before anything else is done for it: a user at the cap costs no database read.
      const release = streams.admit(userId, tokenId, () => stream?.close());
      let start: Awaited<ReturnType<typeof startStream>>;
      try {
        start = await startStream(db, param(req, 'doc'), lastEventIdOf(req));
      } catch (err) {
        release();
        throw err;
      }
      let unsubscribe = () => undefined as void;
      stream = openEventStream(req, res, {
        heartbeatMs: opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
        onClose: () => {
          unsubscribe();
          release();
        },
      });
      if (start.reset) stream.send({ id: start.cursor, event: 'reset', data: { seq: start.cursor, reason: start.reset } });
      else stream.send({ id: start.cursor, event: 'ready', data: { seq: start.cursor } });
      if (stream.closed) return;
      unsubscribe = live.subscribe(start.documentId, {
        cursor: start.cursor,
        deliver(events) {
          for (const e of events) stream.send({ id: e.seq, event: e.kind, data: eventData(e) });
        },
        end: () => stream.close(),
      });
    },
  });
}
