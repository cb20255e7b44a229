import { describe, expect, test } from '@jest/globals';
import { decideImport, type ImportFacts, type ReadUnit, type SourceRun, type TranslationState } from '@lockstep/shared';

// What importing one XLIFF unit does (shared/src/xliff/importRules.ts). The conflicts are the
// import's own; an applied unit's row is the workflow rule's (nextStep), as for an edit.

const SOURCE = 'Stop the <1>war</1>.';
const runs: SourceRun[] = [
  { type: 'text', text: 'Stop the ' },
  { type: 'open', id: 1, kind: 'strong' },
  { type: 'text', text: 'war' },
  { type: 'close', id: 1 },
  { type: 'text', text: '.' },
];

function facts(target: string | null, o: { intent?: ReadUnit['intent']; state?: TranslationState; text?: string; exported?: ImportFacts['exported']; mayApprove?: boolean; fileState?: string } = {}): ImportFacts {
  const unit = { id: 's1', line: 1, source: SOURCE, sourceRuns: [], target, targetRuns: null, codeIds: { source: [], target: [] }, fileState: o.fileState ?? null,
    fileSubState: null, intent: o.intent ?? 'translated', translate: true, segments: 1, notes: [] } as unknown as ReadUnit;
  return {
    unit,
    segment: { source: SOURCE, sourceRuns: runs, translatable: true, sourceHash: 'h1' },
    current: { text: o.text ?? 'Para la <1>guerra</1>.', state: o.state ?? 'translated', version: 5, suggestion: 'Sugerida.' },
    exported: o.exported,
    mayApprove: o.mayApprove ?? true,
    revision: 2,
  };
}

describe('decideImport', () => {
  test("a CAT tool's pre-filled copy of the source in a unit still marked new is never a translation", () => {
    for (const fileState of ['new', 'needs-translation', 'initial']) {
      expect(decideImport(facts(SOURCE, { fileState, state: 'untranslated', text: '' }))).toEqual({
        outcome: 'unchanged',
        reason: `The target is a copy of the source and the file marks it "${fileState}": it is not taken as a translation.`,
        warning: true,
      });
    }
    // White space as a tool re-wraps it is still the copy.
    expect(decideImport(facts('Stop  the <1>war</1>. ', { fileState: 'needs-translation', state: 'untranslated', text: '' })).outcome).toBe('unchanged');
    // So is a copy the tool typeset, as alignment reads it (a soft hyphen, a zero-width space, a dash folded).
    expect(decideImport(facts('Stop the <1>w\u00ADar</1>.\u200B', { fileState: 'new', state: 'untranslated', text: '' })).outcome).toBe('unchanged');
    // A changed target applies though the state was left alone (OmegaT never updates it).
    expect(decideImport(facts('Paren la <1>guerra</1>.', { fileState: 'needs-translation', intent: 'needs-review' }))).toMatchObject({ outcome: 'applied', row: { state: 'translated' } });
    // The same copy marked translated is the translator's word (a name kept as it is).
    expect(decideImport(facts(SOURCE, { fileState: 'translated', state: 'untranslated', text: '' }))).toMatchObject({ outcome: 'applied' });
  });

  test('a new text is applied as nextStep writes it: translated, based on the revision, the suggestion settled', () => {
    expect(decideImport(facts('Paren la <1>guerra</1>.'))).toEqual({
      outcome: 'applied',
      row: {
        text: 'Paren la <1>guerra</1>.',
        state: 'translated',
        version: 6,
        basedOnRevision: 2,
        previousSource: null,
        stateBeforeStale: null,
        changeClass: null,
        suggestion: null,
      },
    });
  });

  test('a file marked approved approves only for someone who may approve', () => {
    const text = 'Paren la <1>guerra</1>.';
    expect(decideImport(facts(text, { intent: 'approved' }))).toMatchObject({ outcome: 'applied', row: { state: 'approved' } });
    expect(decideImport(facts(text, { intent: 'approved', mayApprove: false }))).toMatchObject({ outcome: 'applied', row: { state: 'translated' } });
  });

  test('a reviewed unit left as exported raises a translated text to approved, and nothing else', () => {
    const same = 'Para la <1>guerra</1>.';
    expect(decideImport(facts(same, { intent: 'approved' }))).toMatchObject({ outcome: 'applied', row: { text: same, state: 'approved', version: 6 } });
    expect(decideImport(facts(same, { intent: 'approved', state: 'stale' }))).toEqual({ outcome: 'unchanged' });
    expect(decideImport(facts(same, { intent: 'translated' }))).toEqual({ outcome: 'unchanged' });
  });

  test('a text left as exported while the server moved on changes nothing', () => {
    const exported = { translationVersion: 3, sourceHash: 'h1', text: 'Antes la <1>guerra</1>.' };
    expect(decideImport(facts('Antes la <1>guerra</1>.', { intent: 'approved', exported }))).toEqual({ outcome: 'unchanged' });
  });

  test('conflicts: a changed source, or a server text that moved since the export, are kept as suggestions', () => {
    const changedSource = { translationVersion: 5, sourceHash: 'h0', text: 'Antes la <1>guerra</1>.' };
    expect(decideImport(facts('Paren la <1>guerra</1>.', { exported: changedSource }))).toMatchObject({ outcome: 'conflict', suggestion: 'Paren la <1>guerra</1>.' });
    const moved = { translationVersion: 3, sourceHash: 'h1', text: 'Antes la <1>guerra</1>.' };
    expect(decideImport(facts('Paren la <1>guerra</1>.', { exported: moved }))).toMatchObject({ outcome: 'conflict' });
  });

  test('codes that do not match the source are rejected; an empty target changes nothing', () => {
    expect(decideImport(facts('Paren la guerra.'))).toMatchObject({ outcome: 'rejected' });
    expect(decideImport(facts(''))).toEqual({ outcome: 'unchanged' });
  });
});
