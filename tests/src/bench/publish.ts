import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDocument } from '@lockstep/server/services/documents';
import { publishCheckedRevision } from '@lockstep/server/services/revisions';
import { operationPoints, type OperationPoint } from '@lockstep/server/faults';
import { liveSegments } from '@lockstep/server/repos/publishing';
import { findRevision } from '@lockstep/server/repos/revisions';
import { alignRevision } from '@lockstep/shared';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { median, phaseSpans, type Workload } from './harness.js';

const LANGS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;
const SUBJECTS = ['The committee', 'Our members', 'The workers', 'Every delegate', 'The council', 'Local groups', 'The editors', 'Volunteers'];
const VERBS = ['approved', 'rejected', 'discussed', 'amended', 'published', 'translated', 'reviewed', 'signed'];
const OBJECTS = ['the proposal', 'a statement', 'the budget', 'the report', 'an appeal', 'the agenda', 'the minutes', 'a resolution'];
const TAILS = ['on Monday', 'after a long debate', 'in the spring of', 'before the vote in', 'at the meeting of', 'during the congress of'];

/** A deterministic sentence, unique by its number, of natural-language shape. */
function sentence(i: number, variant = 0): string {
  const pick = <T>(xs: readonly T[], k: number) => xs[(i * 7 + k * 13 + variant) % xs.length];
  return `${pick(SUBJECTS, 1)} ${pick(VERBS, 2)} ${pick(OBJECTS, 3)} ${pick(TAILS, 4)} ${1900 + (i % 120)} (item ${i}).`;
}

export interface SyntheticRevision {
  v1: string;
  v2: string;
  sentencesV1: string[];
  sentencesV2: string[];
}

/** n segments in paragraphs of four; v2 edits 5%, inserts 1% and deletes 1% of them. */
export function syntheticRevision(n: number): SyntheticRevision {
  const v1: string[] = [];
  const v2: string[] = [];
  for (let i = 0; i < n; i++) {
    v1.push(sentence(i));
    const r = (i * 2654435761) % 100;
    if (r < 5) v2.push(sentence(i).replace(/ (on Monday|after a long debate|in the spring of|before the vote in|at the meeting of|during the congress of) /, ' quite recently, $1 '));
    else if (r === 5) continue; // deleted
    else v2.push(sentence(i));
    if (r === 6) v2.push(`A new sentence was added here as number ${i} of the revision.`);
  }
  const paragraphs = (xs: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < xs.length; i += 4) out.push(xs.slice(i, i + 4).join(' '));
    return out.join('\n\n') + '\n';
  };
  return { v1: paragraphs(v1), v2: paragraphs(v2), sentencesV1: v1, sentencesV2: v2 };
}

/**
 * Where a publish spends its time: the span from the previous named point (server/src/faults.ts,
 * published on a diagnostics channel) to each point, the first from the call, the last
 * ('memory index') from the commit to the answer: indexing the new sources for the memory.
 */
const PHASES: [string, string][] = [
  ['publish:read', 'read ms'],
  ['publish:aligned', 'align ms'],
  ['publish:planned', 'plan rest ms'],
  ['publish:retired', 'retire ms'],
  ['publish:segments', 'segment writes ms'],
  ['publish:translations', 'translation writes ms'],
  ['publish:before-commit', 'new rows+events ms'],
  ['publish:committed', 'commit ms'],
];

export function publishWorkload(segments: number, iterations: number): Workload {
  let db: TestDb;
  let rev: SyntheticRevision;
  let base = 1;
  let next: 'v1' | 'v2' = 'v2';
  let counts: Record<string, number> = {};
  const spans: Record<string, number>[] = [];
  let points: OperationPoint[] = [];
  const onPoint = (m: unknown) => points.push(m as OperationPoint);
  return {
    name: `publish-${segments / 1000}k`,
    description: `publish a revision of a ${segments}-segment document, 8 languages fully translated (5% edited, 1% inserted, 1% deleted), with database writes`,
    iterations,
    async prepare() {
      db = await openTestDb();
      rev = syntheticRevision(segments);
      // 100k segments are ~7 MB, past the API's 5 MB: the document starts as one line and gets
      // its first full revision through the publish that skips the API's checks.
      await createDocument(db, null, { id: 'bench', title: 'Bench', sourceLang: 'en', targetLangs: [...LANGS], markdown: 'Bench.\n' });
      base = (await publishCheckedRevision(db, null, 'bench', { markdown: rev.v1, baseRevision: 1, dryRun: false })).revision;
      operationPoints.subscribe(onPoint);
      return async () => {
        const markdown = next === 'v2' ? rev.v2 : rev.v1;
        points = [];
        const t0 = performance.now();
        const r = await publishCheckedRevision(db, null, 'bench', { markdown, baseRevision: base, dryRun: false });
        spans.push(phaseSpans(PHASES, t0, points, performance.now(), 'memory index ms'));
        base = r.revision;
        next = next === 'v2' ? 'v1' : 'v2';
        counts = r.impact;
      };
    },
    // Every iteration starts from "all eight languages translated", as the workload says.
    async beforeEach() {
      await db.query(
        `UPDATE translations t SET state = 'translated', text = 'x', previous_source = NULL, state_before_stale = NULL,
                change_class = NULL, suggestion = NULL
           FROM segments s WHERE s.id = t.segment_id AND s.document_id = 'bench' AND s.retired_in IS NULL`,
      );
    },
    async report(times) {
      const out: Record<string, number | string> = { database: db.kind, ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v])) };
      // The harness's first call is a warm-up; phases are medians of the timed ones.
      const timed = spans.slice(1);
      for (const label of [...PHASES.map(([, l]) => l), 'memory index ms']) out[label] = round1(median(timed.map((x) => x[label] ?? 0)));
      Object.assign(out, await alignmentFloor(db, base, next === 'v2' ? rev.v2 : rev.v1));
      if (segments === 10_000) {
        const mm = msgmergeBaseline(rev);
        if (mm) {
          out['msgmerge --no-fuzzy ms'] = mm;
          out['ratio msgmerge/ours'] = Number((mm / median(times)).toFixed(1));
        }
      }
      return out;
    },
    teardown: async () => db.close(),
  };
}

const round1 = (ms: number) => Number(ms.toFixed(1));

/**
 * The floor for the alignment phase: the pure aligner on the same input in this thread (no
 * worker hand-off, no database), median of three.
 */
async function alignmentFloor(db: TestDb, revision: number, markdown: string): Promise<Record<string, number>> {
  const previous = await liveSegments(db, 'bench');
  const current = await findRevision(db, 'bench', revision);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    alignRevision({ previousMarkdown: current!.markdown, previous, markdown, lang: 'en' });
    times.push(performance.now() - t0);
  }
  return { 'floor: pure align ms': round1(median(times)) };
}

const poEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * GNU gettext's msgmerge doing the same update: 8 .po files of the old source, fully
 * translated, merged with a .pot of the new source. `--no-fuzzy-matching` (the fast mode;
 * fuzzy matching takes minutes). Returns undefined when msgmerge is not installed.
 */
function msgmergeBaseline(rev: SyntheticRevision): number | undefined {
  if (spawnSync('msgmerge', ['--version']).status !== 0) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-msgmerge-'));
  try {
    const header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n';
    writeFileSync(path.join(dir, 'new.pot'), header + rev.sentencesV2.map((s) => `msgid "${poEscape(s)}"\nmsgstr ""\n`).join('\n'));
    for (const lang of LANGS) {
      writeFileSync(path.join(dir, `${lang}.po`), header + rev.sentencesV1.map((s) => `msgid "${poEscape(s)}"\nmsgstr "[${lang}] ${poEscape(s)}"\n`).join('\n'));
    }
    const t0 = process.hrtime.bigint();
    for (const lang of LANGS) {
      const r = spawnSync('msgmerge', ['--quiet', '--no-fuzzy-matching', '-o', path.join(dir, `${lang}.out.po`), path.join(dir, `${lang}.po`), path.join(dir, 'new.pot')]);
      if (r.status !== 0) return undefined;
    }
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
