// The `lockstep` executable: everything else lives in main.ts, which tests import and run
// in-process without this module's side effect.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
