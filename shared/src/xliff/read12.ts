import { Collector } from './content.js';
import type { El, Handler, HandlerOutput, ReadContext } from './context.js';
import { IdScope } from './constraints.js';
import { charOfHex } from './escape.js';
import { CTYPE_CODE_POINT, kindOf12 } from './inline.js';
import { sameLanguageTag } from './lang.js';
import { revisionOf, type ReadFile, type XliffNote } from './model.js';
import { finishUnit, type RawUnit } from './unit.js';
import { EXTRADATA_PREFIX, LOCKSTEP_TOOL_ID } from './write12.js';

interface UnitCtx {
  el: El;
  translate: boolean;
  source: Collector | null;
  target: Collector | null;
  targetEl?: El;
  notes: XliffNote[];
  /** The mids of `<seg-source>`'s `<mrk mtype="seg">`s (Okapi, Trados segmentation); null without one. */
  segSource: string[] | null;
  /** Per target `<mrk mtype="seg">` mid: whether it holds any text or code (made on the first). */
  targetSegs: Map<string, boolean> | undefined;
}

/**
 * XLIFF 1.2 (and 1.0/1.1): `<trans-unit>`s in `<file>`s and `<group>`s. CAT tools rewrite our
 * `<g>` as `<bpt>/<ept>` or `<bx>/<ex>` and our `<x/>` as `<ph>`, keeping the ids; `<it>` is a
 * code whose other half is outside the unit. Native code inside `<bpt>`, `<ept>`, `<ph>` and
 * `<it>` is the tool's copy of the markup, not text.
 *
 * Segmenting tools (Okapi, Trados) keep the whole text in `<source>`, its segments as
 * `<mrk mtype="seg">` in `<seg-source>`, and the target as the same `<mrk>`s: the unit's target
 * is their joined content, and a target some of whose segments are empty is translated only
 * in part (like a 2.x unit with targets in some segments only).
 */
export class Reader12 implements Handler {
  private readonly files: ReadFile[] = [];
  private file?: { out: ReadFile; units: IdScope; groups: IdScope };
  private readonly translate: boolean[] = [];
  private unit?: UnitCtx;
  /** `openers` and `rids` are made on a unit's first paired code: most units have none. */
  private content?: { collector: Collector; el: El; openers: Map<string, string> | undefined; rids: Set<string> | undefined };
  private native?: { el: El; hex?: string };
  private note?: XliffNote;
  private inSegSource = false;
  private targetSeg?: { el: El; mid: string; filled: boolean };
  private warnedLang = false;
  /** The id of the <bin-unit> being read: its trans-units are listed, never imported. */
  private binUnit?: string;

  constructor(private readonly ctx: ReadContext) {}

  open(el: El): void {
    const a = el.attrs;
    switch (el.name) {
      case 'file': {
        const out: ReadFile = { id: a.original, exportId: a.original, original: a.original, srcLang: a['source-language'], units: [] };
        if (a['target-language'] !== undefined) out.trgLang = a['target-language'];
        if (a['tool-id'] === LOCKSTEP_TOOL_ID) {
          if (a['product-name']) out.documentId = a['product-name'];
          const revision = revisionOf(a['product-version']);
          if (revision !== undefined) out.revision = revision;
        }
        this.files.push(out);
        this.file = { out, units: new IdScope(this.ctx, 'trans-unit'), groups: new IdScope(this.ctx, 'group') };
        this.translate.push(true);
        return;
      }
      case 'group':
        if (a.id !== undefined) this.file!.groups.add(a.id, el);
        this.translate.push(a.translate === undefined ? this.top() : a.translate !== 'no');
        return;
      case 'bin-unit':
        if (a.id === undefined) this.ctx.fail('structure', '<bin-unit> needs the attribute "id".', el);
        this.file!.units.add(a.id, el);
        this.ctx.warn(`<bin-unit id="${a.id}"> holds binary data; it was not read.`, a.id);
        this.binUnit = a.id;
        return;
      case 'trans-unit':
        this.file!.units.add(a.id, el);
        this.unit = { el, translate: a.translate === undefined ? this.top() : a.translate !== 'no', source: null, target: null, notes: [], segSource: null, targetSegs: undefined };
        return;
      case 'seg-source':
        this.unit!.segSource = [];
        this.inSegSource = true;
        return;
      case 'source':
      case 'target':
        return this.openContent(el);
      case 'note':
        if (this.unit && !this.content) this.note = a.from !== undefined ? { category: a.from, text: '' } : { text: '' };
        return;
    }
    if (this.inSegSource) {
      const segs = this.unit!.segSource!;
      if (el.name === 'mrk' && a.mtype === 'seg') segs.push(a.mid ?? String(segs.length));
      return;
    }
    if (this.content) this.openInline(el);
  }

  private top(): boolean {
    return this.translate[this.translate.length - 1] ?? true;
  }

  private openContent(el: El): void {
    const unit = this.unit!;
    const collector = new Collector();
    if (el.name === 'source') unit.source = collector;
    else {
      unit.target = collector;
      unit.targetEl = el;
      const want = this.file!.out.trgLang;
      if (want !== undefined && el.lang && !sameLanguageTag(el.lang, want) && !this.warnedLang) {
        this.warnedLang = true;
        this.ctx.warn(`<target xml:lang="${el.lang}"> differs from the file's target-language "${want}".`, unit.el.attrs.id);
      }
    }
    this.content = { collector, el, openers: undefined, rids: undefined };
  }

  private openInline(el: El): void {
    const a = el.attrs;
    const content = this.content!;
    const { collector } = content;
    const kind = kindOf12(a.ctype);
    const withKind = kind ? { kind } : {};
    // A code fills the segment it is in.
    if (this.targetSeg && el.name !== 'mrk') this.targetSeg.filled = true;
    switch (el.name) {
      case 'g':
        return collector.enter(a.id, kind);
      case 'mrk':
        if (a.mtype === 'seg' && this.content!.el.name === 'target') {
          this.targetSeg = { el, mid: a.mid ?? String(this.unit!.targetSegs?.size ?? 0), filled: false };
        }
        return collector.enter(null);
      case 'x':
        return collector.push({ t: 'ph', xid: a.id, ...withKind });
      case 'ph':
        this.native = a.ctype === CTYPE_CODE_POINT ? { el, hex: '' } : { el };
        if (a.ctype !== CTYPE_CODE_POINT) collector.push({ t: 'ph', xid: a.id, ...withKind });
        return;
      case 'bx':
      case 'bpt': {
        if (el.name === 'bpt') this.native = { el };
        const key = a.rid ?? a.id;
        // The strict schema: a bpt rid is unique in its source/target.
        if (a.rid !== undefined && el.name === 'bpt' && content.rids?.has(a.rid)) this.ctx.fail('duplicate_id', `<bpt rid="${a.rid}"> is used twice.`, el, this.unit!.el.attrs.id);
        if (a.rid !== undefined) (content.rids ??= new Set()).add(a.rid);
        (content.openers ??= new Map()).set(key, a.id);
        return collector.push({ t: 'open', xid: a.id, ...withKind });
      }
      case 'ex':
      case 'ept': {
        if (el.name === 'ept') this.native = { el };
        const key = a.rid ?? a.id;
        return collector.push({ t: 'close', xid: content.openers?.get(key) ?? key });
      }
      case 'it':
        this.native = { el };
        return collector.push(a.pos === 'open' ? { t: 'open', xid: a.id, ...withKind } : { t: 'close', xid: a.id });
    }
  }

  text(text: string): void {
    if (this.native) {
      if (this.native.hex !== undefined) this.native.hex += text;
    } else if (this.note) this.note.text += text;
    else if (this.content) {
      this.content.collector.text(text);
      if (this.targetSeg && /[^ \t\r\n]/.test(text)) this.targetSeg.filled = true;
    }
  }

  close(el: El): void {
    switch (el.name) {
      case 'file':
      case 'group':
        this.translate.pop();
        return;
      case 'trans-unit':
        return this.closeUnit();
      case 'bin-unit':
        this.binUnit = undefined;
        return;
      case 'source':
      case 'target':
        this.content = undefined;
        return;
      case 'seg-source':
        this.inSegSource = false;
        return;
      case 'note':
        if (this.note) this.unit!.notes.push(this.note);
        this.note = undefined;
        return;
      case 'mrk':
        if (this.targetSeg?.el === el) {
          (this.unit!.targetSegs ??= new Map()).set(this.targetSeg.mid, this.targetSeg.filled);
          this.targetSeg = undefined;
        }
        this.content?.collector.leave();
        return;
      case 'g':
        this.content?.collector.leave();
        return;
    }
    if (this.native?.el === el) {
      const hex = this.native.hex;
      this.native = undefined;
      if (hex === undefined) return;
      // Our placeholder for a character XML cannot carry; anything else in it is a plain code.
      const char = charOfHex(hex.trim());
      if (char !== undefined) this.content!.collector.text(char);
      else this.content!.collector.push({ t: 'ph', xid: el.attrs.id });
    }
  }

  private closeUnit(): void {
    const unit = this.unit!;
    const a = unit.el.attrs;
    const target = unit.target;
    const state = unit.targetEl?.attrs.state ?? null;
    const qualifier = unit.targetEl?.attrs['state-qualifier'] ?? null;
    const approved = a.approved === 'yes';
    const translate = unit.translate;
    const hash = a.extradata?.startsWith(EXTRADATA_PREFIX) ? a.extradata.slice(EXTRADATA_PREFIX.length) : undefined;
    if (target && this.file!.out.trgLang === undefined && !this.warnedLang) {
      this.warnedLang = true;
      this.ctx.warn('The file has targets but no target-language.');
    }
    const partial = target ? partialTarget(unit.segSource, unit.targetSegs) : undefined;
    const raw: RawUnit = {
      id: a.id,
      line: unit.el.line,
      source: unit.source!.tokens,
      target: target ? target.tokens : null,
      fileState: state,
      fileSubState: qualifier,
      translate,
      approved,
      segments: unit.segSource?.length || 1,
      notes: unit.notes,
    };
    if (partial) raw.partial = partial;
    if (hash) raw.sourceHash = hash;
    this.file!.out.units.push(
      finishUnit(
        raw,
        this.ctx.warnings,
        this.binUnit === undefined
          ? undefined
          : { code: 'binary_unit', message: `This unit belongs to <bin-unit id="${this.binUnit}"> (text about binary data, such as an image's alternative text); Lockstep does not import it.` },
      ),
    );
    this.unit = undefined;
  }

  finish(): HandlerOutput {
    const [first] = this.files;
    for (const file of this.files.slice(1)) {
      if (!sameLanguageTag(file.srcLang, first.srcLang) || (file.trgLang ?? '') !== (first.trgLang ?? '')) {
        this.ctx.warn(`The file "${file.id}" has other languages than the first file; the first file's are reported.`);
        break;
      }
    }
    return { srcLang: first.srcLang, ...(first.trgLang !== undefined ? { trgLang: first.trgLang } : {}), files: this.files };
  }
}

/**
 * A target written as `<mrk mtype="seg">`s some of which are empty (Trados writes every
 * segment, the untranslated ones empty) is translated only in part. Segments are matched by
 * mid against `<seg-source>`; a target whose mids are not all there is judged on its own mrks.
 */
function partialTarget(segSource: readonly string[] | null, targetSegs: ReadonlyMap<string, boolean> | undefined): string | undefined {
  if (targetSegs === undefined || targetSegs.size === 0) return undefined;
  const byMid = segSource?.length && [...targetSegs.keys()].every((mid) => segSource.includes(mid));
  const wanted = byMid ? segSource : [...targetSegs.keys()];
  const missing = wanted.filter((mid) => !targetSegs.get(mid)).length;
  if (missing === 0 || missing === wanted.length) return undefined;
  return `${missing} of the unit's ${wanted.length} segments have no target: the unit is translated only in part.`;
}
