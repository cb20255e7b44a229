import { Collector, type Token } from './content.js';
import type { El, Handler, HandlerOutput, ReadContext } from './context.js';
import { checkJoinedCodes, IdScope, joinTargets, type Part } from './constraints.js';
import { charOfHex } from './escape.js';
import { kindOf20 } from './inline.js';
import { sameLanguageTag } from './lang.js';
import { revisionOf, type ReadFile, type XliffNote } from './model.js';
import { lowerState20, type State20 } from './states.js';
import { finishUnit, type RawUnit } from './unit.js';

interface UnitCtx {
  el: El;
  translate: boolean;
  parts: Part[];
  notes: XliffNote[];
  /**
   * 2.0 §id puts segments, ignorables and inline elements in one scope per unit, but the OASIS
   * suite's own files (bad_UnknownDataRefValue: `<segment id="1">` around `<ph id="1">`) and
   * tools number segments and codes independently; a collision there is harmless, so segments,
   * source codes and target codes are three scopes.
   */
  ids: IdScope;
  sourceIds: IdScope;
  targetIds: IdScope;
  dataIds: IdScope;
  dataRefs: { ref: string; el: El }[];
  /** Source `<sc>`s not yet ended, in document order (2.0: an `<ec>` comes after its `<sc>`); made on the first. */
  openSc: Set<string> | undefined;
}

/**
 * XLIFF 2.0, 2.1 and 2.2 (same core; 2.2 in its own namespace): units with their segments
 * joined back into one source and one target (the targets in their `order`), and the
 * processing constraints the schema cannot express (xliff.md "Import rules").
 */
export class Reader20 implements Handler {
  private srcLang = '';
  private trgLang?: string;
  private readonly files: ReadFile[] = [];
  private readonly fileIds: IdScope;
  private file?: { out: ReadFile; ids: IdScope };
  private readonly translate: boolean[] = [];
  private noteIds?: IdScope;
  private note?: { note: XliffNote; forUnit: boolean };
  private unit?: UnitCtx;
  private part?: Part;
  private side?: { collector: Collector; name: 'source' | 'target' };

  constructor(private readonly ctx: ReadContext) {
    this.fileIds = new IdScope(ctx, 'file');
  }

  open(el: El): void {
    const a = el.attrs;
    const unit = this.unit;
    switch (el.name) {
      case 'xliff':
        this.srcLang = a.srcLang;
        if (a.trgLang !== undefined) this.trgLang = a.trgLang;
        return;
      case 'file': {
        this.fileIds.add(a.id, el);
        const out: ReadFile = { id: a.id, exportId: a.id, srcLang: this.srcLang, units: [] };
        if (this.trgLang !== undefined) out.trgLang = this.trgLang;
        if (a.original !== undefined) out.original = a.original;
        if (el.ext.document) out.documentId = el.ext.document;
        const revision = revisionOf(el.ext.revision);
        if (revision !== undefined) out.revision = revision;
        this.files.push(out);
        this.file = { out, ids: new IdScope(this.ctx, 'group or unit') };
        this.translate.push(a.translate !== 'no');
        return;
      }
      case 'group':
      case 'unit':
        this.file!.ids.add(a.id, el);
        this.translate.push(a.translate === undefined ? this.translate[this.translate.length - 1] : a.translate !== 'no');
        if (el.name === 'unit') {
          const { ctx } = this;
          this.unit = {
            el,
            translate: this.translate[this.translate.length - 1],
            parts: [],
            notes: [],
            ids: new IdScope(ctx, 'segment', a.id),
            sourceIds: new IdScope(ctx, 'source inline', a.id),
            targetIds: new IdScope(ctx, 'target inline', a.id),
            dataIds: new IdScope(ctx, 'data', a.id),
            dataRefs: [],
            openSc: undefined,
          };
        }
        return;
      case 'notes':
        this.noteIds = new IdScope(this.ctx, 'note', unit?.el.attrs.id);
        return;
      case 'note':
        if (a.id !== undefined) this.noteIds!.add(a.id, el);
        this.note = { note: a.category !== undefined ? { category: a.category, text: '' } : { text: '' }, forUnit: unit !== undefined };
        return;
      case 'data':
        unit?.dataIds.add(a.id, el);
        return;
      case 'segment':
      case 'ignorable':
        if (a.id !== undefined) unit!.ids.add(a.id, el);
        if (a.subState !== undefined && a.state === undefined) this.ctx.fail('constraint', '<segment subState> needs an explicit state.', el, unit!.el.attrs.id);
        this.part = { kind: el.name as Part['kind'], el, state: (a.state as State20 | undefined) ?? null, subState: a.subState ?? null, source: [], target: null, sourceSpace: 'default' };
        return;
      case 'source':
      case 'target':
        return this.openContent(el);
    }
    if (this.side) this.openInline(el);
  }

  private openContent(el: El): void {
    const part = this.part!;
    const unitId = this.unit!.el.attrs.id;
    if (el.name === 'source') {
      part.sourceSpace = el.space;
      if (el.lang !== undefined && !sameLanguageTag(el.lang, this.srcLang)) {
        this.ctx.fail('language', `<source xml:lang="${el.lang}"> differs from srcLang "${this.srcLang}".`, el, unitId);
      }
    } else {
      if (this.trgLang === undefined) this.ctx.fail('language', 'The file has targets but <xliff> has no trgLang.', el, unitId);
      if (el.lang !== undefined && !sameLanguageTag(el.lang, this.trgLang)) {
        this.ctx.fail('language', `<target xml:lang="${el.lang}"> differs from trgLang "${this.trgLang}".`, el, unitId);
      }
      if (el.space !== part.sourceSpace) this.ctx.fail('constraint', `The target's xml:space ("${el.space}") differs from its source's ("${part.sourceSpace}").`, el, unitId);
      if (el.attrs.order !== undefined) part.order = Number(el.attrs.order);
    }
    this.side = { collector: new Collector(), name: el.name as 'source' | 'target' };
  }

  private openInline(el: El): void {
    const a = el.attrs;
    const unit = this.unit!;
    const { collector, name } = this.side!;
    const ids = name === 'source' ? unit.sourceIds : unit.targetIds;
    if (a.dataRef !== undefined) unit.dataRefs.push({ ref: a.dataRef, el });
    if (a.dataRefStart !== undefined) unit.dataRefs.push({ ref: a.dataRefStart, el });
    if (a.dataRefEnd !== undefined) unit.dataRefs.push({ ref: a.dataRefEnd, el });
    // An <ec> names its <sc> with startRef; only an isolated one has an id of its own.
    if (a.id !== undefined && el.name !== 'cp' && (el.name !== 'ec' || a.isolated === 'yes')) ids.add(a.id, el);
    const kind = kindOf20(a.type, a.subType);
    switch (el.name) {
      case 'cp':
        collector.text(charOfHex(a.hex)!);
        return;
      case 'pc':
        return collector.enter(a.id, kind);
      case 'mrk':
        return collector.enter(null);
      case 'ph':
        return collector.push(kind ? { t: 'ph', xid: a.id, kind } : { t: 'ph', xid: a.id });
      case 'sc':
        if (a.isolated !== 'yes' && name === 'source') (unit.openSc ??= new Set()).add(a.id);
        // Only a paired <sc> must meet its <ec>; an isolated one's is in another unit.
        return collector.push({ t: 'open', xid: a.id, ...(kind ? { kind } : {}), ...(a.isolated !== 'yes' ? { sc: true } : {}) });
      case 'ec': {
        const fail = this.failInUnit;
        if (a.isolated === 'yes') {
          if (a.id === undefined || a.startRef !== undefined) fail('An isolated <ec> needs an id and no startRef.', el);
          return collector.push({ t: 'close', xid: a.id });
        }
        if (a.startRef === undefined) fail('<ec> needs a startRef unless isolated="yes".', el);
        if (name === 'source' && !unit.openSc?.delete(a.startRef)) fail(`<ec startRef="${a.startRef}"> comes before its <sc> (or has none).`, el);
        return collector.push({ t: 'close', xid: a.startRef, startRef: true });
      }
    }
  }

  text(text: string): void {
    if (this.note) this.note.note.text += text;
    else this.side?.collector.text(text);
  }

  close(el: El): void {
    switch (el.name) {
      case 'file':
      case 'group':
        this.translate.pop();
        return;
      case 'unit':
        this.closeUnit();
        this.translate.pop();
        return;
      case 'note':
        if (this.note?.forUnit) this.unit!.notes.push(this.note.note);
        this.note = undefined;
        return;
      case 'source':
      case 'target': {
        const tokens: Token[] = this.side!.collector.tokens;
        if (el.name === 'source') this.part!.source = tokens;
        else this.part!.target = tokens;
        this.side = undefined;
        return;
      }
      case 'segment':
      case 'ignorable':
        this.unit!.parts.push(this.part!);
        this.part = undefined;
        return;
      case 'pc':
      case 'mrk':
        this.side?.collector.leave();
    }
  }

  /**
   * A constraint broken in the current unit, at `at` (default: the unit's start tag). One
   * function for the reader's life, not closures made per unit: under tsx (the bench, the dev
   * server) esbuild names each one through Object.defineProperty, and the three per unit (id-
   * scope factory, fail, intent) took 15 ms of a 150 ms read of 10k units in the profile.
   */
  private readonly failInUnit = (message: string, at?: El): never => {
    const unit = this.unit!;
    return this.ctx.fail('constraint', message, at ?? unit.el, unit.el.attrs.id);
  };

  private closeUnit(): void {
    const unit = this.unit!;
    const { parts } = unit;
    const id = unit.el.attrs.id;
    const fail = this.failInUnit;
    // The least advanced segment's state (the earliest such segment's subState).
    let segments = 0;
    let state: State20 | null = null;
    let subState: string | null = null;
    for (const part of parts) {
      if (part.kind !== 'segment') continue;
      const lower: State20 | null = ++segments === 1 ? part.state : lowerState20(state, part.state);
      if (segments === 1 || lower !== state) {
        state = lower;
        subState = part.subState;
      }
    }
    if (!segments) fail(`The unit "${id}" has no <segment>.`);
    if (unit.openSc?.size) fail(`<sc id="${unit.openSc.values().next().value}"> has no <ec> in the unit.`);
    for (const { ref, el } of unit.dataRefs) if (!unit.dataIds.has(ref)) fail(`The dataRef "${ref}" names no <data> of the unit's <originalData>.`, el);
    const joined = joinTargets(parts, fail);
    if (joined.target) checkJoinedCodes(joined.target, fail);
    const raw: RawUnit = {
      id,
      line: unit.el.line,
      source: parts.length === 1 ? parts[0].source : parts.flatMap((p) => p.source),
      target: joined.target,
      fileState: state,
      fileSubState: subState,
      translate: unit.translate,
      segments,
      notes: unit.notes,
    };
    if (joined.partial) raw.partial = joined.partial;
    if (unit.el.ext.sourceHash) raw.sourceHash = unit.el.ext.sourceHash;
    this.file!.out.units.push(finishUnit(raw, this.ctx.warnings));
    this.unit = undefined;
  }

  finish(): HandlerOutput {
    return { srcLang: this.srcLang, ...(this.trgLang !== undefined ? { trgLang: this.trgLang } : {}), files: this.files };
  }
}
