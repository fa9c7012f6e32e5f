import { normalizeText, weightedTerms } from '../../platform';

/** One request item to cluster. */
export interface ClusterItem {
  requestId: string;
  position: number;
  agencyId: string;
  /** Who asked (the blind applicant key, or the account): counted, never shown. */
  applicant: string;
  receivedOn: string;
  disposition: string | null;
  description: string;
}

export interface Cluster {
  items: ClusterItem[];
  /** The heaviest terms of the cluster's centroid. */
  keywords: string[];
  /** The centroid, unit length, for matching new requests later. */
  centroid: Map<string, number>;
  /** The member closest to the centroid: the typical wording. */
  typical: ClusterItem;
}

/** How alike, on average, an item must be to a group's members to join it. */
export const CLUSTER_SIMILARITY = 0.55;

/** How alike, on average, the members of two groups must be for the groups to be one. */
export const MERGE_SIMILARITY = 0.4;

function sumOf(members: number[], vectors: Map<string, number>[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const i of members) {
    for (const [t, x] of vectors[i]) {
      sum.set(t, (sum.get(t) ?? 0) + x);
    }
  }
  return sum;
}

function centroidOf(members: number[], vectors: Map<string, number>[]): Map<string, number> {
  return unit(sumOf(members, vectors));
}

type Vector = Map<string, number>;

function unit(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) {
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const out = new Map<string, number>();
  if (norm > 0) {
    for (const [t, w] of v) {
      out.set(t, w / norm);
    }
  }
  return out;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) {
      s += w * v;
    }
  }
  return s;
}

/**
 * A request item's vector: its TF-IDF terms, plus its character bigrams at a small weight so that a
 * word the segmenter splits differently in a paraphrase still counts a little; unit length.
 */
export function itemVector(text: string): Vector {
  const v = new Map(weightedTerms(text));
  const han = normalizeText(text).replace(/[^\u4e00-\u9fff]/g, '');
  for (let i = 0; i + 1 < han.length; i++) {
    const bigram = `#${han.slice(i, i + 2)}`;
    v.set(bigram, (v.get(bigram) ?? 0) + 3);
  }
  return unit(v);
}

interface Working {
  sum: Vector;
  centroid: Vector;
  members: number[];
}

/**
 * Groups items asking for the same information: single pass in date order, each item joining the
 * cluster whose centroid it is most alike (cosine ≥ `threshold`) among those sharing one of its
 * three heaviest terms, or starting its own; then a second pass moves each item to its best final
 * centroid. Centroids (not chains of neighbours) keep unrelated requests from merging step by step.
 */
export function clusterItems(
  items: ClusterItem[],
  threshold = CLUSTER_SIMILARITY,
  mergeThreshold = MERGE_SIMILARITY,
): Cluster[] {
  const vectors = items.map((i) => itemVector(i.description));
  const order = items.map((_, i) => i).sort((a, b) => items[a].receivedOn.localeCompare(items[b].receivedOn));
  const clusters: Working[] = [];
  const ownerOf = new Map<number, number>();
  const byTerm = new Map<string, Set<number>>();
  const heaviest = (v: Vector, n: number) =>
    [...v]
      .filter(([t]) => !t.startsWith('#'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([t]) => t);
  const index = (c: number) => {
    for (const t of heaviest(clusters[c].centroid, 6)) {
      let set = byTerm.get(t);
      if (!set) {
        set = new Set();
        byTerm.set(t, set);
      }
      set.add(c);
    }
  };
  const best = (v: Vector) => {
    let found = -1;
    let score = threshold;
    const candidates = new Set<number>();
    // The groups sharing one of the item's heaviest terms, the most recent few hundred of each.
    for (const t of heaviest(v, 3)) {
      const set = [...(byTerm.get(t) ?? [])];
      for (const c of set.slice(-300)) {
        candidates.add(c);
      }
    }
    for (const c of candidates) {
      // Average similarity to the members (not to the normalised centroid, which a diffuse group's
      // one shared word would dominate).
      const s = dot(v, clusters[c].sum) / clusters[c].members.length;
      if (s >= score) {
        score = s;
        found = c;
      }
    }
    return found;
  };
  for (const i of order) {
    const v = vectors[i];
    if (v.size === 0) {
      continue;
    }
    const c = best(v);
    if (c < 0) {
      clusters.push({ sum: new Map(v), centroid: v, members: [i] });
      ownerOf.set(i, clusters.length - 1);
      index(clusters.length - 1);
    } else {
      const w = clusters[c];
      for (const [t, x] of v) {
        w.sum.set(t, (w.sum.get(t) ?? 0) + x);
      }
      w.centroid = unit(w.sum);
      w.members.push(i);
      ownerOf.set(i, c);
      index(c);
    }
  }
  // Second pass: each item to the final centroid it is most alike.
  const final: number[][] = clusters.map(() => []);
  for (const i of order) {
    const v = vectors[i];
    if (v.size === 0) {
      continue;
    }
    const c = best(v);
    if (c >= 0) {
      final[c].push(i);
    } else {
      final[ownerOf.get(i)!].push(i);
    }
  }
  // Third pass: groups whose centroids are alike are one group worded two ways (an abbreviation, a
  // different word order); merged largest first, each merge recomputing the centroid.
  const all = final
    .filter((members) => members.length > 0)
    .map((members) => ({ members, sum: sumOf(members, vectors) }));
  // Only groups of some size are worth merging (a pair of look-alikes is not a pattern).
  let groups = all.filter((g) => g.members.length >= 3).sort((a, b) => b.members.length - a.members.length);
  const rest = all.filter((g) => g.members.length < 3);
  for (let merged = true; merged;) {
    merged = false;
    for (let a = 0; a < groups.length && !merged; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const a1 = groups[a];
        const b1 = groups[b];
        if (dot(a1.sum, b1.sum) / (a1.members.length * b1.members.length) >= mergeThreshold) {
          const members = [...a1.members, ...b1.members];
          groups[a] = { members, sum: sumOf(members, vectors) };
          groups = groups.filter((_, k) => k !== b);
          merged = true;
          break;
        }
      }
    }
  }
  groups = [...groups, ...rest];
  return groups
    .map((g) => g.members)
    .map((members) => {
      const centroid = centroidOf(members, vectors);
      let typical = members[0];
      let closest = -1;
      for (const i of members) {
        const s = dot(vectors[i], centroid);
        if (s > closest) {
          closest = s;
          typical = i;
        }
      }
      return {
        items: members.map((i) => items[i]),
        keywords: heaviest(centroid, 5),
        centroid,
        typical: items[typical],
      };
    });
}

/** How alike a text is to a stored centroid (0 … 1). */
export function similarityToCentroid(text: string, centroid: Map<string, number>): number {
  return dot(itemVector(text), centroid);
}
