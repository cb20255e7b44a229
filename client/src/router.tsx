import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny history-API router: the app has a handful of routes and needs no library for them. */
const CHANGE = 'lockstep:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export type Route =
  | { name: 'documents' }
  | { name: 'document'; doc: string; lang?: string }
  | { name: 'editor'; doc: string; lang: string }
  | { name: 'align'; doc: string; lang: string }
  | { name: 'dashboard'; doc: string }
  | { name: 'revisions'; doc: string }
  | { name: 'xliff'; doc: string }
  | { name: 'users' }
  | { name: 'inbox' }
  | { name: 'webhooks' }
  | { name: 'account' }
  | { name: 'glossary' }
  | { name: 'notFound' };

/** The coordinator's pages of a document; language codes never take these names. */
const DOCUMENT_PAGES = ['dashboard', 'revisions', 'xliff'] as const;
export type DocumentPage = (typeof DOCUMENT_PAGES)[number];

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'documents' };
  if (parts[0] === 'documents' && parts.length === 1) return { name: 'documents' };
  if (parts[0] === 'users' && parts.length === 1) return { name: 'users' };
  if (parts[0] === 'inbox' && parts.length === 1) return { name: 'inbox' };
  if (parts[0] === 'webhooks' && parts.length === 1) return { name: 'webhooks' };
  if (parts[0] === 'account' && parts.length === 1) return { name: 'account' };
  if (parts[0] === 'glossary' && parts.length === 1) return { name: 'glossary' };
  const page = DOCUMENT_PAGES.find((p) => p === parts[2]);
  if (parts[0] === 'documents' && parts.length === 3 && page) return { name: page, doc: parts[1] };
  if (parts[0] === 'documents' && (parts.length === 2 || parts.length === 3)) {
    return { name: 'document', doc: parts[1], lang: parts[2] };
  }
  if (parts[0] === 'documents' && parts.length === 4 && parts[3] === 'align') {
    return { name: 'align', doc: parts[1], lang: parts[2] };
  }
  if (parts[0] === 'documents' && parts.length === 4 && parts[3] === 'edit') {
    return { name: 'editor', doc: parts[1], lang: parts[2] };
  }
  return { name: 'notFound' };
}

export function documentHref(doc: string, lang?: string): string {
  return `/documents/${encodeURIComponent(doc)}${lang ? `/${encodeURIComponent(lang)}` : ''}`;
}

/** The translator's editor of one document × language (the read-only view stays at documentHref). */
export function editorHref(doc: string, lang: string): string {
  return `${documentHref(doc, lang)}/edit`;
}

/** Bringing a published translation of one document × language in (issue 26). */
export function alignHref(doc: string, lang: string): string {
  return `${documentHref(doc, lang)}/align`;
}

/** One of a document's coordinator pages: its dashboard, revisions or XLIFF exchange. */
export function documentPageHref(doc: string, page: DocumentPage): string {
  return `/documents/${encodeURIComponent(doc)}/${page}`;
}

/** The editor opened on one segment (the editor reads `?segment=` once, on opening). */
export function segmentHref(doc: string, lang: string, segment: string): string {
  return `${editorHref(doc, lang)}?segment=${encodeURIComponent(segment)}`;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A real link (open in new tab, copy address all work) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
