import { SaxesParser, type SaxesOptions, type SaxesTagNS } from 'saxes';
import type { El, Handler, HandlerOutput, ReadContext } from './context.js';
import { decodeXliffBytes, decodeXliffString } from './decode.js';
import { XliffError, type XliffErrorCode } from './errors.js';
import { lockstepLanguageOf } from './lang.js';
import { XLIFF_MAX_BYTES, type ReadWarning, type XliffReadOptions, type XliffReadResult, type XliffReadVersion } from './model.js';
import { LOCKSTEP_NS, XLIFF_NS, XML_NS, XMLNS_NS } from './namespaces.js';
import { Reader12 } from './read12.js';
import { Reader20 } from './read20.js';
import { RULES_12, rules20, type Rule } from './schema.js';

const LOCKSTEP_ATTRS = new Set(['document', 'revision', 'sourceHash']);
const NO_EXT: Readonly<Record<string, string>> = Object.freeze({});

const SLICE = 64 * 1024;

/** Deeper than any real XLIFF (inline codes nest a few levels); bounds work on hostile input. */
const MAX_DEPTH = 200;

type Mode = 'core' | 'native' | 'skip' | 'foreign';

interface Frame {
  mode: Mode;
  el: El | undefined;
  rule: Rule | undefined;
  /** Index of the child group reached so far, and children seen per group (`element` content only). */
  group: number;
  counts: number[];
}

/**
 * Reads an XLIFF 1.x or 2.x file from any tool (xliff.md "What the reader accepts"): decodes
 * the bytes strictly, streams them through saxes (namespace-aware XML 1.0, no DTD, no entity
 * but the five XML ones), checks the core structure and the XLIFF 2 processing constraints as
 * it goes, and returns every unit — a unit it cannot use carries `rejected` with the reason.
 * Throws only XliffError, whatever the input.
 */
export function readXliff(input: Uint8Array | string, opts: XliffReadOptions = {}): XliffReadResult {
  try {
    return new XliffReader(opts).read(input);
  } catch (e) {
    if (e instanceof XliffError) throw e;
    throw new XliffError('internal', `The XLIFF reader failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

class XliffReader implements ReadContext {
  readonly warnings: ReadWarning[] = [];
  version: XliffReadVersion = '2.0';
  private parser!: SaxesParser<SaxesOptions & { xmlns: true }>;
  /**
   * The open elements' frames, kept and reused by depth: one object per level for the whole
   * file instead of a frame and a counts array per element (60k short-lived objects in the
   * 10k-unit 2.0 bench file; timed only together with the rest of that change, not alone).
   */
  private readonly frames: Frame[] = [];
  private depth = 0;
  private handler?: Handler;
  private rules: ReadonlyMap<string, Rule> = new Map();
  private core = '';
  private xmlAnywhere = true;
  private closing = false;
  private blank = false;
  private readonly ignored = new Set<string>();

  constructor(private readonly opts: XliffReadOptions) {}

  read(input: Uint8Array | string): XliffReadResult {
    const max = this.opts.maxBytes ?? XLIFF_MAX_BYTES;
    const decoded = typeof input === 'string' ? decodeXliffString(input, max) : decodeXliffBytes(input, max);
    for (const message of decoded.warnings) this.warn(message);
    this.blank = !/[^ \t\r\n]/.test(decoded.text);
    const parser = new SaxesParser({ xmlns: true, position: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
    this.parser = parser;
    // Few handlers on purpose: with seven, saxes's parser object slowed down fourfold (measured:
    // 80 → 330 ms for 10k units), so there is no 'error' handler (saxes throws instead) and no
    // 'opentagstart' (element positions are where the start tag ends).
    parser.on('doctype', () => this.fail('doctype', 'The file has a DOCTYPE. XLIFF needs none, and Lockstep never reads one (entities could expand without bound or read other files).'));
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
    parser.on('closetag', (tag) => this.close(tag));
    try {
      // Fed in slices, so saxes's buffers stay small.
      const text = decoded.text;
      for (let i = 0; i < text.length; i += SLICE) parser.write(text.slice(i, i + SLICE));
      this.closing = true;
      parser.close();
    } catch (e) {
      if (e instanceof XliffError) throw e;
      this.saxError(e instanceof Error ? e.message : String(e));
    }
    if (!this.handler) this.fail('empty', 'The file has no root element.');
    return this.result(this.handler.finish(), decoded.encoding);
  }

  fail(code: XliffErrorCode, message: string, at?: { line: number; column: number }, unit?: string): never {
    const where = at ? { line: at.line, column: at.column } : { line: this.parser?.line ?? 1, column: (this.parser?.column ?? 0) + 1 };
    throw new XliffError(code, message, unit === undefined ? where : { ...where, unit });
  }

  warn(message: string, unit?: string): void {
    this.warnings.push(unit === undefined ? { message } : { unit, message });
  }

  private saxError(raw: string): never {
    const message = raw.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    if (this.closing) {
      if (/root element/.test(message)) this.fail(this.blank ? 'empty' : 'not_well_formed', this.blank ? 'The file has no XML content.' : `Not XML: ${message}`);
      const open = this.depth ? ` inside <${this.frames[this.depth - 1].el?.name ?? 'an element'}>` : '';
      this.fail('truncated', `The file ends${open} before its root element is closed: it is truncated or incomplete.`);
    }
    if (/undefined entity/.test(message)) {
      this.fail('entity', 'An entity reference other than &amp; &lt; &gt; &quot; &apos; (HTML entities such as &nbsp; are not XML): write the character itself or a numeric reference.');
    }
    this.fail('not_well_formed', `The file is not well-formed XML: ${message}`);
  }

  private open(tag: SaxesTagNS): void {
    if (this.depth >= MAX_DEPTH) this.fail('too_deep', `Elements are nested more than ${MAX_DEPTH} deep.`);
    const parent = this.depth ? this.frames[this.depth - 1] : undefined;
    if (parent && parent.mode !== 'core') {
      if (parent.mode === 'foreign' && tag.uri === this.core && !this.rules.has(tag.local)) {
        this.fail('structure', `<${tag.name}> is not an XLIFF element (inside a module or extension element).`, this.here());
      }
      this.push(parent.mode === 'foreign' ? 'foreign' : 'skip', undefined, undefined);
      return;
    }
    if (!parent) this.root(tag);
    if (tag.uri !== this.core) {
      if (!parent?.rule?.foreign) this.fail('structure', `<${tag.name}> (namespace "${tag.uri}") is not allowed in <${parent?.el?.name ?? 'the document'}>.`, this.here());
      this.push('foreign', undefined, undefined);
      return;
    }
    const rule = this.rules.get(tag.local);
    if (!rule) this.fail('structure', `<${tag.local}> is not an XLIFF ${this.version} element.`, this.here());
    if (parent) this.checkChild(parent, tag.local);
    const el = this.element(tag, rule, parent?.el);
    const mode: Mode = rule.content === 'skip' ? 'skip' : rule.content === 'native' ? 'native' : 'core';
    const frame = this.push(mode, el, rule);
    if (rule.content === 'element') for (let i = 0; i < rule.children.length; i++) frame.counts[i] = 0;
    this.handler!.open(el);
  }

  private push(mode: Mode, el: El | undefined, rule: Rule | undefined): Frame {
    const frame = this.frames[this.depth++];
    if (frame === undefined) {
      const added: Frame = { mode, el, rule, group: 0, counts: [] };
      this.frames.push(added);
      return added;
    }
    frame.mode = mode;
    frame.el = el;
    frame.rule = rule;
    frame.group = 0;
    return frame;
  }

  private close(tag: SaxesTagNS): void {
    if (this.depth === 0) return;
    const frame = this.frames[--this.depth];
    const { el, rule } = frame;
    if (!el || !rule) return;
    if (rule.content === 'element') {
      for (let i = 0; i < rule.children.length; i++) {
        const g = rule.children[i];
        if (frame.counts[i] < (g.min ?? 0)) this.fail('structure', `<${tag.local}> needs ${g.names.map((n) => `<${n}>`).join(' or ')}.`, el);
      }
    }
    this.handler!.close(el);
  }

  private text(text: string): void {
    const top = this.depth ? this.frames[this.depth - 1] : undefined;
    if (!top || top.mode === 'skip' || top.mode === 'foreign') return;
    const content = top.rule!.content;
    if (content === 'element' || content === 'empty') {
      if (/[^ \t\r\n]/.test(text)) this.fail('structure', `Text is not allowed directly in <${top.el!.name}>.`);
      return;
    }
    this.handler!.text(text);
  }

  /** Where the current start tag ends (saxes reports positions after the `>`). */
  private here() {
    return { line: this.parser.line, column: this.parser.column };
  }

  private checkChild(parent: Frame, name: string): void {
    const rule = parent.rule!;
    const i = rule.groupOf.get(name) ?? -1;
    if (i < 0 || rule.content === 'text' || rule.content === 'empty') this.fail('structure', `<${name}> is not allowed in <${parent.el!.name}>.`, this.here());
    if (rule.content !== 'element') return;
    if (i < parent.group) {
      const later = rule.children[parent.group].names.map((n) => `<${n}>`).join(' or ');
      this.fail('structure', `<${name}> must come before ${later} in <${parent.el!.name}>.`, this.here());
    }
    parent.group = i;
    if (++parent.counts[i] > (rule.children[i].max ?? Infinity)) this.fail('structure', `<${parent.el!.name}> may have only one <${name}>.`, this.here());
  }

  private element(tag: SaxesTagNS, rule: Rule, parent: El | undefined): El {
    // Plain objects: Object.create(null) ones start in slow dictionary mode. Only allow-listed
    // names are ever stored, so no "__proto__" key can reach them.
    const attrs: Record<string, string> = {};
    let ext: Record<string, string> = NO_EXT;
    let lang: string | undefined;
    let space: string | undefined;
    const { line, column } = this.parser;
    const all = tag.attributes;
    for (const key in all) {
      const a = all[key];
      if (a.uri === XMLNS_NS) continue;
      if (rule.content === 'skip') {
        // Not read, so not checked; its id still names it in a warning.
        if (a.uri === '' && a.local === 'id') attrs.id = a.value;
        continue;
      }
      if (a.uri === '') {
        if (!rule.attrs.has(a.local)) {
          // 1.x files carry attributes the strict schema lacks: 1.0/1.1 `tool` and `ts`, Weblate's
          // documented `weblate-flags`. They hold nothing Lockstep reads; 2.x stays strict (OASIS suite).
          if (!this.version.startsWith('1.')) this.fail('structure', `<${tag.local}> has no attribute "${a.local}".`, { line, column });
          this.ignoredAttribute(tag.local, a.local);
          continue;
        }
        this.check(rule, tag.local, a.local, a.value);
        attrs[a.local] = a.value;
      } else if (a.uri === XML_NS) {
        if (!rule.xml.has(a.local) && !this.xmlAnywhere) this.fail('structure', `xml:${a.local} is not allowed on <${tag.local}> in XLIFF ${this.version}.`, { line, column });
        this.check(rule, tag.local, `xml:${a.local}`, a.value);
        if (a.local === 'lang') lang = a.value;
        else if (a.local === 'space') space = a.value;
      } else if (a.uri === this.core && this.core !== '') {
        this.fail('structure', `The attribute ${a.name} may not be in the XLIFF namespace.`, { line, column });
      } else if (a.uri === LOCKSTEP_NS && LOCKSTEP_ATTRS.has(a.local)) {
        if (ext === NO_EXT) ext = {};
        ext[a.local] = a.value;
      }
    }
    for (const name of rule.required) {
      // A missing version on <xliff> is tolerated (xliff.md); root() already warned.
      if (!(name in attrs) && !(tag.local === 'xliff' && name === 'version')) this.fail('structure', `<${tag.local}> needs the attribute "${name}".`, { line, column });
    }
    const effective = space === 'preserve' || space === 'default' ? space : (parent?.space ?? 'default');
    return { name: tag.local, attrs, lang, space: effective, ext, line, column };
  }

  /** Warned once per element and attribute name, not once per unit. */
  private ignoredAttribute(element: string, name: string): void {
    const key = `${element} ${name}`;
    if (this.ignored.has(key)) return;
    this.ignored.add(key);
    this.warn(`<${element}> has an attribute "${name}" that XLIFF 1.2 does not define; it was ignored.`);
  }

  private check(rule: Rule, element: string, name: string, value: string): void {
    const ok = rule.checks.get(name);
    if (ok && !ok(value)) this.fail('attribute', `<${element} ${name}="${value}">: not a valid value for ${name}.`, this.here());
  }

  /** Which XLIFF this is, from the root's namespace and version (xliff.md: 1.0/1.1 read as 1.2). */
  private root(tag: SaxesTagNS): void {
    if (tag.local !== 'xliff') this.fail('not_xliff', `The root element is <${tag.name}>, not <xliff>: this is not an XLIFF file.`, this.here());
    const declared = Object.values(tag.attributes).find((a) => a.uri === '' && a.local === 'version')?.value;
    const byNs = new Map<string, XliffReadVersion>([[XLIFF_NS['1.1'], '1.1'], [XLIFF_NS['1.2'], '1.2'], [XLIFF_NS['2.0'], '2.0'], [XLIFF_NS['2.2'], '2.2']]);
    const nsVersion = byNs.get(tag.uri);
    if (tag.uri && !nsVersion) {
      const xliffish = tag.uri.startsWith('urn:oasis:names:tc:xliff:document:');
      this.fail(xliffish ? 'unsupported_version' : 'not_xliff', `<xliff> is in the namespace "${tag.uri}", which is not XLIFF 1.x or 2.0–2.2.`, this.here());
    }
    const allowed: readonly string[] = !nsVersion ? ['1.0', '1.1', '1.2', '2.0', '2.1', '2.2'] : nsVersion === '2.0' ? ['2.0', '2.1'] : nsVersion === '2.2' ? ['2.2'] : ['1.0', '1.1', '1.2'];
    if (declared !== undefined && !allowed.includes(declared)) {
      this.fail('unsupported_version', `version="${declared}" is not a supported XLIFF version${nsVersion ? ` for the namespace "${tag.uri}"` : ''}.`, this.here());
    }
    if (!nsVersion && declared === undefined) this.fail('unsupported_version', '<xliff> has neither a namespace nor a version: the XLIFF version cannot be told.', this.here());
    const version = (declared ?? nsVersion) as XliffReadVersion;
    if (!tag.uri) this.warn(`<xliff> has no namespace; read as XLIFF ${version}.`);
    if (declared === undefined) this.warn(`<xliff> has no version attribute; read as XLIFF ${version} from its namespace.`);
    if (version === '1.0' || version === '1.1') this.warn(`XLIFF ${version} is read with the XLIFF 1.2 rules.`);
    this.version = version;
    this.core = tag.uri;
    const is12 = version.startsWith('1.');
    this.rules = is12 ? RULES_12 : rules20(version as '2.0' | '2.1' | '2.2');
    // 2.0/2.1 (and 1.2) accept any xml:* attribute through their ##other wildcards; 2.2 forbids
    // xml:lang outside <source>/<target> (OASIS bad_InvalidXmlLangOnUnit).
    this.xmlAnywhere = version !== '2.2';
    this.handler = is12 ? new Reader12(this) : new Reader20(this);
  }

  private result(out: HandlerOutput, encoding: string): XliffReadResult {
    const expect = this.opts.expect ?? {};
    for (const [side, want, got] of [['source', expect.srcLang, out.srcLang], ['target', expect.trgLang, out.trgLang]] as const) {
      if (want === undefined) continue;
      const lang = got === undefined ? null : lockstepLanguageOf(got);
      if (!lang || lang.code !== (lockstepLanguageOf(want)?.code ?? want)) {
        this.fail('wrong_language', `The file's ${side} language is ${got === undefined ? 'not given' : `"${got}"`}, not "${want}".`, { line: 1, column: 1 });
      }
      if (!lang.exact) this.warn(`The ${side} language "${got}" is read as "${lang.code}".`);
    }
    // Null prototype: 1.2 state values are the file's words, "constructor" included.
    const stats = { files: out.files.length, units: 0, segments: 0, states: Object.create(null) as Record<string, number>, rejected: 0 };
    const fallback = this.version.startsWith('2') ? 'initial' : 'none';
    for (const file of out.files) {
      for (const unit of file.units) {
        stats.units++;
        stats.segments += unit.segments;
        const state = unit.fileState ?? fallback;
        stats.states[state] = (stats.states[state] ?? 0) + 1;
        if (unit.rejected) stats.rejected++;
      }
    }
    return {
      version: this.version,
      encoding,
      srcLang: out.srcLang,
      ...(out.trgLang !== undefined ? { trgLang: out.trgLang } : {}),
      files: out.files,
      warnings: this.warnings,
      stats,
    };
  }
}
