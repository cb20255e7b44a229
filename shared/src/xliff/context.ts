import type { XliffErrorCode } from './errors.js';
import type { ReadFile, ReadWarning, XliffReadVersion } from './model.js';

/** One element as the version readers see it, its attributes already checked against the schema rules. */
export interface El {
  /** Local name in the XLIFF namespace. */
  name: string;
  /** Attributes without a namespace. */
  attrs: Readonly<Record<string, string>>;
  /** xml:lang written on this element. */
  lang: string | undefined;
  /** Effective xml:space (inherited). */
  space: 'default' | 'preserve';
  /** Attributes in Lockstep's namespace, by local name. */
  ext: Readonly<Record<string, string>>;
  line: number;
  column: number;
}

export interface ReadContext {
  readonly version: XliffReadVersion;
  readonly warnings: ReadWarning[];
  /** Throws an XliffError at the element (or at the parser's position). */
  fail(code: XliffErrorCode, message: string, at?: { line: number; column: number }, unit?: string): never;
  warn(message: string, unit?: string): void;
}

export interface HandlerOutput {
  srcLang: string;
  trgLang?: string;
  files: ReadFile[];
}

/** The version-specific half of the reader: what the elements mean. */
export interface Handler {
  open(el: El): void;
  /** Text (and CDATA) directly inside an element whose content is text, inline or native. */
  text(text: string): void;
  close(el: El): void;
  finish(): HandlerOutput;
}
