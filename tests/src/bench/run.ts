/**
 * `npm run bench [-- name …]`: named workloads, each in its own process; prints a table
 * (median, min, max, peak RSS) and writes bench-results/*.json. Baselines that put a
 * number in perspective are measured in the same run, never quoted from elsewhere.
 */
import { main, type Workload } from './harness.js';
import { memoryWorkload } from './memory.js';
import { publishWorkload } from './publish.js';
import { publishServerWorkload } from './publishServer.js';
import { segmentationWorkload } from './segmentation.js';
import { segmentHeldoutWorkload } from './segmentHeldout.js';
import { xliffExportRssWorkload, xliffWorkload } from './xliff.js';
import { documentsListWorkload, signInWorkload } from './http.js';
import { progressWorkload, savesWorkload } from './saves.js';
import { saveEventsWorkload } from './eventsCost.js';
import { savesServerWorkload } from './savesServer.js';
import { parseLoadWorkload } from './parseLoad.js';
import { editorLoadWorkload } from './editorLoad.js';

const workloads: Workload[] = [
  segmentationWorkload,
  segmentHeldoutWorkload,
  signInWorkload,
  documentsListWorkload,
  savesWorkload,
  savesServerWorkload,
  saveEventsWorkload,
  progressWorkload,
  publishWorkload(10_000, 5),
  publishServerWorkload(),
  publishWorkload(100_000, 1),
  xliffWorkload('2.0'),
  xliffWorkload('1.2'),
  xliffExportRssWorkload(),
  memoryWorkload(),
  memoryWorkload({ name: 'tm-100k', segments: 25_000, needsPostgres: false }),
  parseLoadWorkload,
  editorLoadWorkload(),
];
await main(workloads);
