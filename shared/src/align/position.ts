import type { Match, MatchContext } from './matcher.js';
import { similarity } from './similarity.js';

/**
 * What a segment's place says about it (architecture.md step 3, "position comes first"). Two
 * segments can stand for one another when they sit in the same kind of block (a heading level
 * change is still a heading) and are both translatable or both locked: a line only a URL has no
 * translation to keep.
 */
export interface Place {
  /** `heading`, `paragraph`, `list-item`…: the block kind without a heading level. */
  family: string;
  translatable: boolean;
}

export function placeOf(blockKind: string | undefined, translatable: boolean): Place {
  return { family: blockKind === undefined ? '?' : blockKind.replace(/\d+$/, ''), translatable };
}

/** An unknown family (a stored segment without its block kind) pairs with any. */
function compatible(a: Place, b: Place): boolean {
  return a.translatable === b.translatable && (a.family === b.family || a.family === '?' || b.family === '?');
}

/** Above this many old × new cells a gap is paired in order without scoring (a rewritten document). */
const DP_CELLS = 40_000;

/**
 * Step 3's position rule over what the similarity search left in one hunk: between two
 * neighbours that are already paired (unchanged, or matched in this hunk), the old and new
 * segments left over are paired in order, as many as the places allow, so an edited line is
 * `modified` however short it is or however much it changed. When there are more on one side,
 * similarity chooses which ones pair (an order-keeping alignment that pairs as many as it can,
 * then the most similar), and the rest are added or removed.
 *
 * `olds`/`news` are the free positions of the hunk in document order; `anchors` the pairs
 * already made inside it (old position, new position).
 */
export function pairByPosition(
  ctx: MatchContext,
  olds: readonly number[],
  news: readonly number[],
  anchors: readonly [number, number][],
  oldPlace: (o: number) => Place,
  newPlace: (n: number) => Place,
): Match[] {
  if (!olds.length || !news.length) return [];
  const out: Match[] = [];
  for (const gap of gaps(olds, news, anchors)) out.push(...pairGap(ctx, gap.olds, gap.news, oldPlace, newPlace));
  return out;
}

/** The free positions between consecutive order-keeping anchors. */
function gaps(olds: readonly number[], news: readonly number[], anchors: readonly [number, number][]): { olds: number[]; news: number[] }[] {
  // Anchors that keep their order (by new position, old increasing); a crossing one says nothing about places.
  const sorted = [...anchors].sort((x, y) => x[1] - y[1]);
  const kept: [number, number][] = [];
  for (const a of sorted) if (!kept.length || a[0] > kept[kept.length - 1][0]) kept.push(a);
  const out: { olds: number[]; news: number[] }[] = [];
  let oi = 0;
  let ni = 0;
  for (const [ao, an] of [...kept, [Infinity, Infinity] as [number, number]]) {
    const g = { olds: [] as number[], news: [] as number[] };
    while (oi < olds.length && olds[oi] < ao) g.olds.push(olds[oi++]);
    while (ni < news.length && news[ni] < an) g.news.push(news[ni++]);
    if (g.olds.length && g.news.length) out.push(g);
  }
  return out;
}

function pairGap(ctx: MatchContext, olds: number[], news: number[], oldPlace: (o: number) => Place, newPlace: (n: number) => Place): Match[] {
  const p = olds.length;
  const q = news.length;
  const ok = (i: number, j: number) => compatible(oldPlace(olds[i]), newPlace(news[j]));
  const sim = (i: number, j: number) => similarity(ctx.oldKeys[olds[i]], ctx.newKeys[news[j]]);
  if (p * q > DP_CELLS) {
    // Too large to score every cell: pair in order, skipping places that cannot pair.
    const out: Match[] = [];
    for (let i = 0, j = 0; i < p && j < q; ) {
      if (ok(i, j)) {
        out.push({ olds: [olds[i]], news: [news[j]], sim: sim(i, j) });
        i++;
        j++;
      } else if (p - i > q - j) i++;
      else j++;
    }
    return out;
  }
  // Order-keeping alignment: most pairs first, then most similarity (a pair is worth more than any similarity).
  const PAIR = 4;
  const best = new Float64Array((p + 1) * (q + 1));
  const at = (i: number, j: number) => i * (q + 1) + j;
  const sims = new Float64Array(p * q).fill(-1);
  for (let i = 1; i <= p; i++) {
    for (let j = 1; j <= q; j++) {
      let v = Math.max(best[at(i - 1, j)], best[at(i, j - 1)]);
      if (ok(i - 1, j - 1)) {
        const s = (sims[(i - 1) * q + j - 1] = sim(i - 1, j - 1));
        v = Math.max(v, best[at(i - 1, j - 1)] + PAIR + s);
      }
      best[at(i, j)] = v;
    }
  }
  const out: Match[] = [];
  for (let i = p, j = q; i > 0 && j > 0; ) {
    const s = sims[(i - 1) * q + j - 1];
    if (s >= 0 && best[at(i, j)] === best[at(i - 1, j - 1)] + PAIR + s) {
      out.push({ olds: [olds[i - 1]], news: [news[j - 1]], sim: s });
      i--;
      j--;
    } else if (best[at(i, j)] === best[at(i - 1, j)]) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * Nothing disappears silently (architecture.md step 3): a segment removed in a hunk that also
 * adds segments hands its translations to the most similar added one, as a suggestion. Returns
 * for each such old position the new position that receives it.
 */
export function handOffs(
  ctx: MatchContext,
  olds: readonly number[],
  news: readonly number[],
  oldPlace: (o: number) => Place,
  newPlace: (n: number) => Place,
): [number, number][] {
  const out: [number, number][] = [];
  const takers = news.filter((n) => newPlace(n).translatable);
  if (!takers.length) return out;
  // On a rewritten document, only the added segments near the old one's share of the hunk compete.
  const window = olds.length * takers.length > DP_CELLS ? 8 : takers.length;
  olds.forEach((o, k) => {
    if (!oldPlace(o).translatable) return;
    const around = Math.round((k / olds.length) * takers.length);
    const from = Math.max(0, Math.min(around - window / 2, takers.length - window));
    let bestNew = takers[from];
    let bestSim = -1;
    for (const n of takers.slice(from, from + window)) {
      const s = similarity(ctx.oldKeys[o], ctx.newKeys[n]);
      if (s > bestSim) [bestNew, bestSim] = [n, s];
    }
    out.push([o, bestNew]);
  });
  return out;
}
