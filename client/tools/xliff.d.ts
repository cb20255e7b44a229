// The `xliff` package (6.4.0) ships no type declarations: the slice of its API the UI-string tools use.
declare module 'xliff/xliff2js' {
  /** A text: plain, or runs of text and inline-element objects when the file has inline codes. */
  export type XliffValue = string | (string | Record<string, unknown>)[];
  export interface XliffUnitJs {
    source?: XliffValue;
    target?: XliffValue;
    note?: string | string[];
    groupUnits?: Record<string, XliffUnitJs>;
  }
  export interface XliffJs {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnitJs>>;
  }
  export default function xliff2js(xml: string): Promise<XliffJs>;
}

declare module 'xliff/xliff12ToJs' {
  import type { XliffJs } from 'xliff/xliff2js';
  export default function xliff12ToJs(xml: string): Promise<XliffJs>;
}

declare module 'xliff/createxliff' {
  /** (srcLang, trgLang, sources, targets, namespace, callback, notes) → the XLIFF 2.0 text. */
  export default function createxliff(
    srcLang: string,
    trgLang: string,
    sources: Record<string, string>,
    targets: Record<string, string>,
    namespace: string,
    callback?: undefined,
    notes?: Record<string, string>,
  ): Promise<string>;
}

declare module 'xliff/createxliff12' {
  /** (srcLang, trgLang, sources, targets, namespace, callback, notes) → the XLIFF 1.2 text. */
  export default function createxliff12(
    srcLang: string,
    trgLang: string,
    sources: Record<string, string>,
    targets: Record<string, string>,
    namespace: string,
    callback?: undefined,
    notes?: Record<string, string>,
  ): Promise<string>;
}
