import { useEffect, useRef } from 'react';
import { apiPath } from '../api';
import { LIVE_EVENT_NAMES, parseLiveEvent, type LiveEvent } from './liveEvents';

/**
 * Listens to the document's live events while the component is mounted. EventSource sends the
 * session cookie (same origin) and, when the connection drops, reconnects by itself with
 * `Last-Event-ID`, so the server replays what was missed (or sends `reset`). The handler may
 * change on every render; the stream is opened once per document.
 */
export function useLiveEvents(doc: string, onEvent: (event: LiveEvent) => void): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(apiPath(['documents', doc, 'events']));
    for (const name of LIVE_EVENT_NAMES) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        const event = parseLiveEvent(name, message.data);
        if (event) handler.current(event);
      });
    }
    return () => source.close();
  }, [doc]);
}
