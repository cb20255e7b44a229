/**
 * The alignment dynamic program shared by blocks and sentences: an order-keeping path through
 * source units × target units with the steps 1:1, 1:2, 2:1, 1:0 and 0:1, minimising the sum
 * of the steps' costs. Banded around the diagonal so a long document stays linear; what the
 * band cuts off (a paragraph moved far) is left to the caller's pass over unmatched units.
 */

export interface Step {
  /** Source unit indices (0–2). */
  source: number[];
  /** Target unit indices (0–2). */
  target: number[];
  cost: number;
}

/** The cost of taking `ns` source units from `i` and `nt` target units from `j`. */
export type StepCost = (i: number, ns: number, j: number, nt: number) => number;

const MOVES: readonly [number, number][] = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 2],
];

export function alignPath(n: number, m: number, cost: StepCost, band = 400): Step[] {
  const width = m + 1;
  const total = new Float64Array((n + 1) * width).fill(Infinity);
  const back = new Uint8Array((n + 1) * width);
  const within = (i: number, j: number) => Math.abs(j - (n === 0 ? 0 : (i * m) / n)) <= band + Math.abs(n - m);
  total[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if ((i > 0 || j > 0) && !within(i, j)) continue;
      const here = total[i * width + j];
      if (here === Infinity) continue;
      MOVES.forEach(([ds, dt], k) => {
        const ni = i + ds;
        const nj = j + dt;
        if (ni > n || nj > m) return;
        const c = here + cost(i, ds, j, dt);
        if (c < total[ni * width + nj]) {
          total[ni * width + nj] = c;
          back[ni * width + nj] = k;
        }
      });
    }
  }
  const steps: Step[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [ds, dt] = MOVES[back[i * width + j]];
    const from = total[(i - ds) * width + (j - dt)];
    const step: Step = {
      source: Array.from({ length: ds }, (_, k) => i - ds + k),
      target: Array.from({ length: dt }, (_, k) => j - dt + k),
      cost: total[i * width + j] - from,
    };
    steps.push(step);
    i -= ds;
    j -= dt;
  }
  return steps.reverse();
}
