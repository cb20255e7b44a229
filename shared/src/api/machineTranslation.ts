/** The machine-translation engines an administrator can configure (server/src/mt/). */
export type MachineTranslationEngine = 'apertium' | 'deepl' | 'libretranslate';

/** One engine's draft of a segment; never saved unless a translator inserts it and saves. */
export interface MachineSuggestion {
  engine: MachineTranslationEngine;
  /** With the source's inline codes (`<1>…</1>`, `<2/>`). */
  text: string;
  /** The engine lost the codes, so they were put back by position: the translator should check where they stand. */
  needsCodePlacement: boolean;
}

/** `GET …/segments/:seg/mt/:lang`: empty when no engine serves the pair, or none answered in time. */
export interface MachineSuggestions {
  suggestions: MachineSuggestion[];
}
