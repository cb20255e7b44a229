import { useEffect, useState } from 'react';
import type { DigestMode, Notice, NoticeDigest } from '@lockstep/shared';
import { api } from '../../api';

export interface Inbox {
  unread: number;
  digest: DigestMode;
  notices: Notice[];
  digests: NoticeDigest[];
}

/** Fired after the inbox page marks notices read, so the header's badge follows at once. */
const INBOX_CHANGED = 'lockstep:inbox-changed';
const POLL_MS = 60_000;

export function inboxChanged(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(INBOX_CHANGED, { detail: unread }));
}

/** The signed-in user's unread count: asked once a minute (a publish is rare) and told by the inbox page. */
export function useUnreadNotices(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let controller = new AbortController();
    const ask = () => {
      controller.abort();
      controller = new AbortController();
      api.get<Inbox>('/api/inbox?limit=1', controller.signal).then(
        (inbox) => setUnread(inbox.unread),
        () => undefined, // the badge is a hint: the next poll tries again
      );
    };
    const told = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    ask();
    const timer = window.setInterval(ask, POLL_MS);
    window.addEventListener(INBOX_CHANGED, told);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, told);
    };
  }, []);
  return unread;
}
