import { charOfHex, isLanguageTag, isNmtoken } from './escape.js';

/*
 * The core structure the OASIS schemas check, as data: which core elements may appear where,
 * in which order, with which attributes and values. Deliberately looser than the XSDs in one
 * way only (xliff.md "What the reader accepts"): elements and attributes in foreign namespaces
 * (modules, tool extensions) are accepted wherever a structural element has children or
 * attributes at all, and ignored. Subtrees marked `skip` (1.2 header, alt-trans, groups of
 * context or counts, bin-unit; 2.x skeleton) carry nothing Lockstep reads and are not checked
 * beyond well-formedness.
 */

export type Content =
  | 'element' // element children only (whitespace allowed)
  | 'text' // text only
  | 'inline' // text and the inline elements in `children`
  | 'native' // 1.2 native code (text, `<sub>` skipped): the code's own data, not translatable text
  | 'empty'
  | 'skip';

export interface ChildGroup {
  names: readonly string[];
  min?: number;
  max?: number;
}

export interface Rule {
  content: Content;
  attrs: ReadonlySet<string>;
  required: readonly string[];
  /** xml:* attributes (local names) the schema declares here. */
  xml: ReadonlySet<string>;
  /** Element children: ordered groups for `element`, one unordered group for `inline`. */
  children: readonly ChildGroup[];
  /** The index in `children` of the first group naming each child element. */
  groupOf: ReadonlyMap<string, number>;
  /** Foreign-namespace child elements accepted (anywhere among the children). */
  foreign: boolean;
  /** Value checks by attribute name (`xml:lang` for xml:*), filled in by `withChecks`. */
  checks: ReadonlyMap<string, Check>;
}

const set = (s = '') => new Set(s.split(' ').filter(Boolean));

function rule(content: Content, attrs = '', opts: { required?: string; xml?: string; children?: ChildGroup[]; foreign?: boolean } = {}): Rule {
  const children = opts.children ?? [];
  const groupOf = new Map<string, number>();
  children.forEach((group, i) => group.names.forEach((name) => groupOf.has(name) || groupOf.set(name, i)));
  return {
    content,
    attrs: set(attrs),
    required: opts.required ? opts.required.split(' ') : [],
    xml: set(opts.xml),
    children,
    groupOf,
    foreign: opts.foreign ?? false,
    checks: new Map(),
  };
}

/**
 * The rules as a Map (element names come from the file: a plain object would answer
 * "constructor"), each with the checks of its attributes: `element@attr` overrides `attr`.
 */
function withChecks(rules: Record<string, Rule>, checks: Record<string, Check>): ReadonlyMap<string, Rule> {
  const out = new Map<string, Rule>();
  for (const [element, r] of Object.entries(rules)) {
    const map = new Map<string, Check>();
    for (const name of [...r.attrs, 'xml:lang', 'xml:space']) {
      const check = checks[`${element}@${name}`] ?? checks[name];
      if (check) map.set(name, check);
    }
    out.set(element, { ...r, checks: map });
  }
  return out;
}

const g = (names: string, min = 0, max = Infinity): ChildGroup => ({ names: names.split(' '), min, max });

// Attribute values -----------------------------------------------------------------------

type Check = (value: string) => boolean;

const oneOf = (...values: string[]): Check => (v) => values.includes(v);
const yesNo = oneOf('yes', 'no');
const nmtoken: Check = isNmtoken;
const nmtokens: Check = (v) => v.split(/[ \t\r\n]+/).filter(Boolean).every(isNmtoken) && v.trim() !== '';
const userDefined: Check = (v) => /^[^\s:]+:[^\s:]+$/.test(v);
const positive: Check = (v) => /^\+?0*[1-9][0-9]*$/.test(v.trim());
const hexBinary: Check = (v) => /^(?:[0-9A-Fa-f]{2})+$/.test(v) && charOfHex(v) !== undefined;

/** Values checked per attribute name; `element@attr` overrides the plain name. */
export const CHECKS_20: Record<string, Check> = {
  id: nmtoken,
  startRef: nmtoken,
  copyOf: nmtoken,
  dataRef: nmtoken,
  dataRefStart: nmtoken,
  dataRefEnd: nmtoken,
  subFlows: nmtokens,
  subFlowsStart: nmtokens,
  subFlowsEnd: nmtokens,
  canCopy: yesNo,
  canDelete: yesNo,
  canOverlap: yesNo,
  canResegment: yesNo,
  isolated: yesNo,
  translate: yesNo,
  canReorder: oneOf('yes', 'firstNo', 'no'),
  srcDir: oneOf('ltr', 'rtl', 'auto'),
  trgDir: oneOf('ltr', 'rtl', 'auto'),
  dir: oneOf('ltr', 'rtl', 'auto'),
  appliesTo: oneOf('source', 'target'),
  priority: (v) => positive(v) && Number(v) <= 10,
  state: oneOf('initial', 'translated', 'reviewed', 'final'),
  order: positive,
  hex: hexBinary,
  subType: userDefined,
  type: oneOf('fmt', 'ui', 'quote', 'link', 'image', 'other'),
  'unit@type': userDefined,
  'group@type': userDefined,
  'mrk@type': (v) => oneOf('generic', 'comment', 'term')(v) || userDefined(v),
  'sm@type': (v) => oneOf('generic', 'comment', 'term')(v) || userDefined(v),
  srcLang: isLanguageTag,
  trgLang: isLanguageTag,
  'xml:lang': isLanguageTag,
  'xml:space': oneOf('default', 'preserve'),
};

export const CHECKS_12: Record<string, Check> = {
  approved: yesNo,
  translate: yesNo,
  clone: yesNo,
  'equiv-trans': yesNo,
  'merged-trans': yesNo,
  pos: oneOf('open', 'close'),
  'source-language': isLanguageTag,
  'target-language': isLanguageTag,
  // xml.xsd allows an empty xml:lang ("no language").
  'xml:lang': (v) => v === '' || isLanguageTag(v),
  'xml:space': oneOf('default', 'preserve'),
};

// XLIFF 2.x ------------------------------------------------------------------------------

const INLINE_20 = g('cp ph pc sc ec mrk sm em');
const CODE_20 = 'canCopy canDelete canReorder copyOf id subType type';

const RULES_20 = { '2.0': build20('2.0'), '2.2': build20('2.2') };

export function rules20(version: '2.0' | '2.1' | '2.2'): ReadonlyMap<string, Rule> {
  return RULES_20[version === '2.2' ? '2.2' : '2.0'];
}

function build20(version: '2.0' | '2.2'): ReadonlyMap<string, Rule> {
  return withChecks({
    // 2.2 adds file-independent notes before the files.
    xliff: rule('element', 'version srcLang trgLang', {
      required: 'version srcLang',
      xml: 'space',
      foreign: true,
      children: version === '2.2' ? [g('notes', 0, 1), g('file', 1)] : [g('file', 1)],
    }),
    file: rule('element', 'id canResegment original translate srcDir trgDir', {
      required: 'id',
      xml: 'space',
      foreign: true,
      children: [g('skeleton', 0, 1), g('notes', 0, 1), g('unit group', 1)],
    }),
    skeleton: rule('skip', 'href'),
    group: rule('element', 'id name canResegment translate srcDir trgDir type', {
      required: 'id',
      xml: 'space',
      foreign: true,
      children: [g('notes', 0, 1), g('unit group')],
    }),
    unit: rule('element', 'id name canResegment translate srcDir trgDir type', {
      required: 'id',
      xml: 'space',
      foreign: true,
      children: [g('notes', 0, 1), g('originalData', 0, 1), g('segment ignorable', 1)],
    }),
    segment: rule('element', 'id canResegment state subState', { children: [g('source', 1, 1), g('target', 0, 1)] }),
    ignorable: rule('element', 'id', { children: [g('source', 1, 1), g('target', 0, 1)] }),
    notes: rule('element', '', { children: [g('note', 1)] }),
    note: rule('text', 'id appliesTo category priority'),
    originalData: rule('element', '', { children: [g('data', 1)] }),
    data: rule('inline', 'id dir', { required: 'id', xml: 'space', children: [g('cp')] }),
    source: rule('inline', '', { xml: 'lang space', children: [INLINE_20] }),
    target: rule('inline', 'order', { xml: 'lang space', children: [INLINE_20] }),
    cp: rule('empty', 'hex', { required: 'hex' }),
    ph: rule('empty', `${CODE_20} disp equiv dataRef subFlows`, { required: 'id' }),
    pc: rule('inline', `${CODE_20} canOverlap dispEnd dispStart equivEnd equivStart dataRefEnd dataRefStart subFlowsEnd subFlowsStart dir`, {
      required: 'id',
      children: [INLINE_20],
    }),
    sc: rule('empty', `${CODE_20} canOverlap dataRef dir disp equiv isolated subFlows`, { required: 'id' }),
    ec: rule('empty', `${CODE_20} canOverlap dataRef dir disp equiv isolated startRef subFlows`),
    mrk: rule('inline', 'id translate type ref value', { required: 'id', children: [INLINE_20] }),
    sm: rule('empty', 'id translate type ref value', { required: 'id' }),
    em: rule('empty', 'startRef', { required: 'startRef' }),
  }, CHECKS_20);
}


// XLIFF 1.2 ------------------------------------------------------------------------------

const INLINE_12 = g('g bpt ept ph it mrk x bx ex');
const FORMAT_12 =
  'datatype restype resname extradata extype help-id menu menu-option menu-name coord font css-style style exstyle ' +
  'size-unit maxwidth minwidth maxheight minheight maxbytes minbytes charclass merged-trans translate reformat';
const TEXT_CODE_12 = 'id xid equiv-text';

export const RULES_12: ReadonlyMap<string, Rule> = withChecks({
  xliff: rule('element', 'version', { required: 'version', xml: 'lang', foreign: true, children: [g('file', 1)] }),
  file: rule('element', 'original source-language datatype tool-id date category target-language product-name product-version build-num', {
    required: 'original source-language datatype',
    xml: 'space',
    foreign: true,
    children: [g('header', 0, 1), g('body', 1, 1)],
  }),
  header: rule('skip'),
  body: rule('element', '', { foreign: true, children: [g('group trans-unit bin-unit')] }),
  // The transitional schema's group may be empty (its choice of units has minOccurs 0), and
  // accepts the deprecated prop-group; tools write both.
  group: rule('element', `id ${FORMAT_12}`, { xml: 'space', foreign: true, children: [g('context-group count-group prop-group note'), g('group trans-unit bin-unit')] }),
  'trans-unit': rule('element', `id approved phase-name ${FORMAT_12}`, {
    required: 'id',
    xml: 'space',
    foreign: true,
    children: [g('source', 1, 1), g('seg-source', 0, 1), g('target', 0, 1), g('context-group count-group prop-group note alt-trans')],
  }),
  // Binary data is not read, but a bin-unit's own trans-units (alt texts, captions) are, so they
  // are counted and reported as not importable rather than silently dropped.
  'bin-unit': rule('element', `id mime-type approved translate reformat ts restype resname phase-name`, {
    required: 'id mime-type',
    xml: 'space',
    foreign: true,
    children: [g('bin-source', 1, 1), g('bin-target', 0, 1), g('context-group count-group prop-group note trans-unit')],
  }),
  'bin-source': rule('skip'),
  'bin-target': rule('skip'),
  'prop-group': rule('skip'),
  source: rule('inline', '', { xml: 'lang', children: [INLINE_12] }),
  // Read only for its <mrk mtype="seg"> segments (Okapi, Trados): the unit's text is in <source>.
  'seg-source': rule('inline', '', { xml: 'lang', children: [INLINE_12] }),
  target: rule('inline', 'state state-qualifier phase-name resname coord font css-style style exstyle equiv-trans', { xml: 'lang', children: [INLINE_12] }),
  note: rule('text', 'priority from annotates', { xml: 'lang' }),
  'alt-trans': rule('skip'),
  'context-group': rule('skip'),
  'count-group': rule('skip'),
  g: rule('inline', `ctype clone ${TEXT_CODE_12}`, { required: 'id', children: [INLINE_12] }),
  x: rule('empty', `ctype clone ${TEXT_CODE_12}`, { required: 'id' }),
  bx: rule('empty', `rid ctype clone ${TEXT_CODE_12}`, { required: 'id' }),
  ex: rule('empty', `rid ${TEXT_CODE_12}`, { required: 'id' }),
  ph: rule('native', `ctype crc assoc ${TEXT_CODE_12}`, { required: 'id' }),
  bpt: rule('native', `rid ctype crc ${TEXT_CODE_12}`, { required: 'id' }),
  ept: rule('native', `rid crc ${TEXT_CODE_12}`, { required: 'id' }),
  it: rule('native', `pos rid ctype crc ${TEXT_CODE_12}`, { required: 'pos id' }),
  mrk: rule('inline', 'mtype mid comment', { required: 'mtype', children: [INLINE_12] }),
}, CHECKS_12);
