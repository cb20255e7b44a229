import type { Token } from './content.js';
import type { El, ReadContext } from './context.js';
import type { State20 } from './states.js';

/*
 * XLIFF 2 processing constraints the schema does not express (most of the OASIS invalid
 * suite is schema-valid): id uniqueness in each scope, `<ec>` after its `<sc>`, `order` of
 * reordered targets. The reader calls these as it goes; the others (subState only with
 * state, dataRef resolving, trgLang and xml:lang, xml:space of source and target) are checked
 * where the reader meets them, in read20.ts.
 */

/** One id scope (2.0 §"id"): files in a document, groups and units in a file, notes in `<notes>`, … */
export class IdScope {
  /** Made on the first id: most scopes (a unit's data, its target codes) stay empty. */
  private ids?: Set<string>;

  constructor(
    private readonly ctx: ReadContext,
    private readonly what: string,
    private readonly unit?: string,
  ) {}

  add(id: string, at: El): void {
    this.ids ??= new Set();
    // One hash lookup, not has() then add(): a file's scope holds every unit id (10k fresh ids: 3.8 -> 2.9 ms).
    const size = this.ids.size;
    if (this.ids.add(id).size === size) this.ctx.fail('duplicate_id', `The ${this.what} id "${id}" is used twice${this.unit ? ` in unit "${this.unit}"` : ''}.`, at, this.unit);
  }

  has(id: string): boolean {
    return this.ids?.has(id) ?? false;
  }
}

/** A `<segment>` or `<ignorable>` of a unit, as read. */
export interface Part {
  kind: 'segment' | 'ignorable';
  el: El;
  state: State20 | null;
  subState: string | null;
  source: Token[];
  target: Token[] | null;
  /** The target's `order`: its position in the unit's target content (default: its own position). */
  order?: number;
  sourceSpace: 'default' | 'preserve';
}

/**
 * The unit's target content: each part's target in its `order` slot; an `<ignorable>` without
 * a target stands for its source (2.0 §"ignorable"). A unit some of whose segments have targets
 * and some not is translated only in part: no target, and the reason.
 */
export function joinTargets(parts: readonly Part[], fail: (message: string, at?: El) => never): { target: Token[] | null; partial?: string } {
  const slots = new Map<number, Token[]>();
  let missing = 0;
  for (const [i, part] of parts.entries()) {
    if (!part.target && part.kind === 'segment') {
      missing++;
      continue;
    }
    const slot = (part.target && part.order) || i + 1;
    if (slot > parts.length) fail(`<target order="${slot}"> is beyond the unit's ${parts.length} segments and ignorables.`, part.el);
    if (slots.has(slot)) fail(`Two parts of the unit take the target position ${slot}.`, part.el);
    slots.set(slot, part.target ?? part.source);
  }
  const segments = parts.filter((p) => p.kind === 'segment').length;
  if (missing === segments) return { target: null };
  if (missing) return { target: null, partial: `${missing} of the unit's ${segments} segments have no target: the unit is translated only in part.` };
  const target: Token[] = [];
  for (const slot of [...slots.keys()].sort((a, b) => a - b)) target.push(...slots.get(slot)!);
  return { target };
}

/** In the joined target, an `<ec startRef>` comes after its `<sc>` and every `<sc>` is ended. */
export function checkJoinedCodes(target: readonly Token[], fail: (message: string) => never): void {
  const open = new Set<string>();
  for (const token of target) {
    if (token.t === 'open' && token.sc) open.add(token.xid);
    else if (token.t === 'close' && token.startRef && !open.delete(token.xid)) fail(`In the target, <ec startRef="${token.xid}"> comes before its <sc> (or has none).`);
  }
  const [left] = open;
  if (left !== undefined) fail(`In the target, <sc id="${left}"> has no <ec>.`);
}
