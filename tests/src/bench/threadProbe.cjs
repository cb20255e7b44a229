// What holds the server's request thread in bench parse-load (Linux). Preloaded into the built
// server:  LOCKSTEP_PARSE_LOAD_NODE_ARGS="--require $PWD/tests/src/bench/threadProbe.cjs"
// Every 5 ms it measures the event loop's lag and splits it, from the request thread's
// /proc/…/schedstat, into time on the CPU (our code, garbage collection) and time waiting in the
// run queue (the core went to another thread or process). Ticks are "loaded" while an inspection
// or a memory lookup is open. At exit it writes to stderr, per class: the lag and CPU figures
// (THREADPROBE SUMMARY), the ticks that held the most CPU with the collections in them
// (THREADPROBE TOP), and each thread's nice value, CPU and run-queue time (THREADPROBE THREAD).
// Session 9 found this way that the stalls were run-queue waits, and V8's helper threads
// (parsing/helperThreads.ts) at the server's priority. THREADPROBE_VERBOSE=1: every lag >= 20 ms.
const { PerformanceObserver, constants } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');
const fs = require('node:fs');
const http = require('node:http');

if (isMainThread && process.platform === 'linux') {
  const started = Date.now();
  let open = 0;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && (req.url.startsWith('/api/xliff/inspect') || req.url.includes('/memory/'))) {
      open++;
      res.once('close', () => open--);
    }
    return emit.apply(this, arguments);
  };
  const schedstat = (tid) => fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
  const niceOf = (tid) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  const sums = { idle: {}, loaded: {} };
  const add = (cls, key, value) => (sums[cls][key] = (sums[cls][key] ?? 0) + value);
  const top = [];
  let collections = '';
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = kinds[e.detail.kind];
      collections += `${kind}:${e.duration.toFixed(0)} `;
      add(open ? 'loaded' : 'idle', `gc ${kind} ms`, e.duration);
      if (e.duration >= 10) add(open ? 'loaded' : 'idle', `gc ${kind} >=10ms n`, 1);
    }
  }).observe({ entryTypes: ['gc'] });

  let last = performance.now();
  let [cpu0, wait0] = schedstat(process.pid);
  setInterval(() => {
    const now = performance.now();
    const [cpu, wait] = schedstat(process.pid);
    const lag = now - last - 5;
    const onCpu = (cpu - cpu0) / 1e6;
    const queued = (wait - wait0) / 1e6;
    const cls = open ? 'loaded' : 'idle';
    add(cls, 'ticks', 1);
    add(cls, 'wall ms', now - last);
    add(cls, 'cpu ms', onCpu);
    add(cls, 'runq ms', queued);
    add(cls, onCpu < 2 ? 'tick cpu <2ms' : onCpu < 5 ? 'tick cpu 2-5ms' : onCpu < 10 ? 'tick cpu 5-10ms' : onCpu < 20 ? 'tick cpu 10-20ms' : 'tick cpu >=20ms', 1);
    for (const bound of [20, 50]) {
      if (lag < bound) continue;
      add(cls, `lags>=${bound} n`, 1);
      add(cls, `lags>=${bound} ms`, lag);
      add(cls, `lags>=${bound} cpu ms`, onCpu);
      add(cls, `lags>=${bound} runq ms`, queued);
    }
    if (onCpu >= 8) {
      top.push({ onCpu, cls, lag, at: Date.now() - started, collections });
      top.sort((a, b) => b.onCpu - a.onCpu);
      top.length = Math.min(top.length, 20);
    }
    if (lag >= 20 && process.env.THREADPROBE_VERBOSE) {
      process.stderr.write(`THREADPROBE ${cls} lag=${lag.toFixed(1)} cpu=${onCpu.toFixed(1)} runq=${queued.toFixed(1)} at=${Date.now() - started}\n`);
    }
    collections = '';
    last = now;
    cpu0 = cpu;
    wait0 = wait;
  }, 5).unref();

  process.on('exit', () => {
    const out = [];
    for (const t of top) out.push(`THREADPROBE TOP cpu=${t.onCpu.toFixed(1)}ms ${t.cls} lag=${t.lag.toFixed(0)}ms at=${t.at} gc=${t.collections}`);
    for (const cls of ['idle', 'loaded']) {
      out.push(`THREADPROBE SUMMARY ${cls} ${Object.entries(sums[cls]).map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' | ')}`);
    }
    for (const tid of fs.readdirSync('/proc/self/task').map(Number).sort((a, b) => a - b)) {
      try {
        const [cpu, wait] = schedstat(tid);
        out.push(`THREADPROBE THREAD +${tid - process.pid} nice=${niceOf(tid)} cpu=${(cpu / 1e6).toFixed(0)}ms runq=${(wait / 1e6).toFixed(0)}ms`);
      } catch {
        // ended meanwhile
      }
    }
    process.stderr.write(`${out.join('\n')}\n`);
  });
}
