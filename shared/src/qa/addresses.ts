/*
 * URLs and e-mail addresses written out in text. Links made with Markdown are inline codes
 * (their URLs travel with the code); these are the addresses a reader sees as text.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'«»“”‘’]+/giu;
// Bare domains only with a known top-level domain: "U.S." or "e.g." must not read as one.
const TLDS =
  'com|org|net|edu|gov|int|mil|info|io|co|uk|de|fr|es|pt|br|gr|ru|in|kr|ph|au|ca|us|eu|ar|mx|cl|za|nz|ie|it|nl|be|ch|at|se|no|dk|fi|pl|cz|jp|cn|tw|hk|sg|my|id|vn|tr|ua|by|kz';
const DOMAIN = new RegExp(`(?<![\\p{L}\\p{N}@./-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}@-])(?:/[^\\s<>"'«»“”]*)?`, 'giu');

const HAS_URL = /https?:\/\/|www\./i;
const HAS_DOMAIN = new RegExp(`\\.(?:${TLDS})\\b`, 'i');

/** Sentence punctuation that follows an address is not part of it. */
function trimTail(url: string): string {
  let u = url.replace(/[.,;:!?¡¿…。、]+$/u, '');
  // A closing bracket belongs to the URL only when the URL opened one.
  while (/[)\]]$/.test(u) && (u.match(/[(\[]/g)?.length ?? 0) < (u.match(/[)\]]/g)?.length ?? 0)) u = u.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return u;
}

export interface Addresses {
  emails: string[];
  urls: string[];
  /** The text with every address replaced by a space, for the punctuation checks (`?` in a query string is not a question). */
  rest: string;
}

export function findAddresses(text: string): Addresses {
  const emails: string[] = [];
  const urls: string[] = [];
  // Cheap tests first: most sentences have no "@", no "://" or "www." and no ".org".
  let rest = !text.includes('@') ? text : text.replace(EMAIL, (m) => {
    emails.push(m);
    return ' '.repeat(m.length);
  });
  if (HAS_URL.test(rest)) rest = rest.replace(URL, (m) => {
    const u = trimTail(m);
    urls.push(u);
    return ' '.repeat(u.length) + m.slice(u.length);
  });
  if (HAS_DOMAIN.test(rest)) rest = rest.replace(DOMAIN, (m) => {
    const u = trimTail(m);
    urls.push(u);
    return ' '.repeat(u.length) + m.slice(u.length);
  });
  return { emails, urls, rest };
}

/** The same address however it is written: scheme, `www.`, case of the host and a final `/` do not matter. */
export function addressKey(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = bare.indexOf('/');
  const host = slash < 0 ? bare : bare.slice(0, slash);
  const path = slash < 0 ? '' : bare.slice(slash);
  return host.toLowerCase() + path.replace(/\/$/, '');
}
