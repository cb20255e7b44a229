import type { CodeKind } from '../segment/types.js';

/*
 * Inline-code kinds ↔ the attributes CAT tools show (xliff.md "Inline codes"): link → 2.0
 * type="link" / 1.2 ctype="link", strong → bold, emphasis → italic. Kinds XLIFF has no word
 * for travel as `lockstep:<kind>` (2.0 subType, which must name a prefix) or `x-<kind>` (1.2
 * ctype extension form), so every kind survives a round trip in both versions.
 */

export const KINDS: readonly CodeKind[] = ['link', 'strong', 'emphasis', 'delete', 'inlineCode', 'image', 'html', 'break', 'footnote'];

export interface Attrs20 {
  type: 'fmt' | 'ui' | 'quote' | 'link' | 'image' | 'other';
  subType?: string;
}

const TO_20: Record<CodeKind, Attrs20> = {
  link: { type: 'link' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  delete: { type: 'fmt', subType: 'lockstep:delete' },
  inlineCode: { type: 'other', subType: 'lockstep:inlineCode' },
  image: { type: 'image' },
  html: { type: 'other', subType: 'lockstep:html' },
  break: { type: 'fmt', subType: 'xlf:lb' },
  footnote: { type: 'other', subType: 'lockstep:footnote' },
};

export function attrs20(kind: CodeKind): Attrs20 {
  return TO_20[kind];
}

export function kindOf20(type: string | undefined, subType: string | undefined): CodeKind | undefined {
  if (subType?.startsWith('lockstep:')) {
    const kind = subType.slice('lockstep:'.length) as CodeKind;
    if (KINDS.includes(kind)) return kind;
  }
  if (subType === 'xlf:b') return 'strong';
  if (subType === 'xlf:i') return 'emphasis';
  if (subType === 'xlf:lb') return 'break';
  if (type === 'link') return 'link';
  if (type === 'image') return 'image';
  return undefined;
}

/** 1.2 `<g ctype>` (strict schema: bold, italic, underlined, link or x-*). */
export function ctypeOfPaired12(kind: CodeKind): string {
  return kind === 'link' ? 'link' : kind === 'strong' ? 'bold' : kind === 'emphasis' ? 'italic' : `x-${kind}`;
}

/** 1.2 `<x ctype>` (strict schema: image, pb, lb or x-*). */
export function ctypeOfStandalone12(kind: CodeKind): string {
  return kind === 'image' ? 'image' : kind === 'break' ? 'lb' : `x-${kind}`;
}

export function kindOf12(ctype: string | undefined): CodeKind | undefined {
  switch (ctype) {
    case undefined:
      return undefined;
    case 'link':
      return 'link';
    case 'bold':
      return 'strong';
    case 'italic':
      return 'emphasis';
    case 'image':
      return 'image';
    case 'lb':
      return 'break';
  }
  const kind = ctype.startsWith('x-') ? (ctype.slice(2) as CodeKind) : undefined;
  return kind && KINDS.includes(kind) ? kind : undefined;
}

/** 1.2 placeholder for a character XML 1.0 cannot carry: `<ph ctype="x-lockstep-cp">HEX</ph>`. */
export const CTYPE_CODE_POINT = 'x-lockstep-cp';

/**
 * A run's kind must be a CodeKind; a code the file does not describe (a foreign tool's `<ph>`)
 * is raw markup as far as Lockstep can tell. Only the text form (`<n>`) matters on import: the
 * server takes kinds from its own source runs.
 */
export const UNKNOWN_KIND: CodeKind = 'html';
