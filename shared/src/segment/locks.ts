import { isAutonym } from './autonyms.js';
import type { LockReason, SourceRun } from './types.js';

/*
 * Lines that are not translated (their source is copied): the site's name, the language menu,
 * and lines that are only an e-mail address or a URL. Each rule reads the whole segment, so a
 * sentence that merely mentions an address stays translatable.
 */
const EMAIL = /^(?:mailto:)?[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const URL_ONLY = /^(?:(?:https?|ftp):\/\/|www\.)\S+$|^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{Ll}{2,24}\/\S*$/iu;
/** A bare host name such as `Struggle-La-Lucha.org`: lower-case top-level domain, no path. */
const SITE_NAME = /^(?:[\p{L}\p{N}]+(?:-+[\p{L}\p{N}]+)*\.)+\p{Ll}{2,24}$/u;
/** Addresses are one short token; longer or spaced text is never only an address. */
const ADDRESS_SHAPE = /^\S{3,2048}$/;
const MENU_SEPARATOR = /\s*[/|·•]\s*/;
const SEPARATORS_ONLY = /^[\s/|·•,]*$/;

/** True when every text outside links is a separator: `[A](#) / [B](#) / [C](#)`. */
function onlyLinks(runs: readonly SourceRun[]): boolean {
  const open: boolean[] = [];
  let inLink = 0;
  for (const run of runs) {
    if (run.type === 'open') {
      const isLink = run.kind === 'link';
      open.push(isLink);
      if (isLink) inLink++;
    } else if (run.type === 'close') {
      if (open.pop()) inLink--;
    } else if (run.type === 'text' && inLink === 0 && !SEPARATORS_ONLY.test(run.text)) return false;
  }
  return true;
}

function isLanguageMenu(runs: readonly SourceRun[], plain: string): boolean {
  const items = plain.split(MENU_SEPARATOR).filter((s) => s.trim() !== '');
  if (items.length < 2) return false;
  const autonyms = items.filter(isAutonym).length;
  // A menu may have lost or misspelt a label (the demo's `Française`): half must be autonyms.
  if (autonyms < 2 || autonyms * 2 < items.length) return false;
  return autonyms === items.length || onlyLinks(runs);
}

export function lockReasonOf(runs: readonly SourceRun[], plain: string): LockReason | undefined {
  if (ADDRESS_SHAPE.test(plain)) {
    if (EMAIL.test(plain)) return 'email';
    if (URL_ONLY.test(plain)) return 'url';
    if (SITE_NAME.test(plain)) return 'site-name';
  }
  if (isLanguageMenu(runs, plain)) return 'language-menu';
  return undefined;
}
