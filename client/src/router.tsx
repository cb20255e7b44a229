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
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'documents' };
  if (parts[0] === 'documents' && parts.length === 1) return { name: 'documents' };
  if (parts[0] === 'documents' && (parts.length === 2 || parts.length === 3)) {
    return { name: 'document', doc: parts[1], lang: parts[2] };
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
