import { codesToText, validateCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';

/*
 * A published translation's links and emphasis are its own inline codes, numbered per target
 * sentence. Saved as a translation they must carry the source segment's numbers: each target
 * code takes the unused source code of the same kind and URL, else of the same kind, in order.
 * A code with no counterpart is dropped and its text kept, so no words are lost.
 */

type Code = Extract<SourceRun, { type: 'open' | 'standalone' }>;

function codesOf(runs: readonly SourceRun[]): Code[] {
  return runs.filter((r): r is Code => r.type === 'open' || r.type === 'standalone');
}

function pick(sources: readonly Code[], used: Set<number>, code: Code): Code | undefined {
  const free = sources.filter((s) => !used.has(s.id) && s.type === code.type && s.kind === code.kind);
  return free.find((s) => s.url !== undefined && s.url === code.url) ?? free[0];
}

/** The target sentences' runs renumbered onto the source segment's codes, joined by a space. */
export function pairText(sourceRuns: readonly SourceRun[], sentences: readonly (readonly SourceRun[])[]): { text: string; codesMatch: boolean } {
  const sources = codesOf(sourceRuns);
  const used = new Set<number>();
  const out: SourceRun[] = [];
  sentences.forEach((runs, k) => {
    if (k > 0) out.push({ type: 'text', text: ' ' });
    const mapped = new Map<number, number>();
    for (const run of runs) {
      if (run.type === 'text') out.push(run);
      else if (run.type === 'close') {
        const id = mapped.get(run.id);
        if (id !== undefined) out.push({ type: 'close', id });
      } else {
        const match = pick(sources, used, run);
        if (match) {
          used.add(match.id);
          mapped.set(run.id, match.id);
          out.push({ ...run, id: match.id });
        } else if (run.type === 'standalone' && run.text) out.push({ type: 'text', text: run.text });
      }
    }
  });
  const merged: SourceRun[] = [];
  for (const run of out) {
    const last = merged[merged.length - 1];
    if (run.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', text: last.text + run.text };
    else merged.push(run);
  }
  const text = codesToText(merged).trim();
  return { text, codesMatch: validateCodedText(text, sourceRuns).ok };
}
