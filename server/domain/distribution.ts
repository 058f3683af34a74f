/**
 * A mergeable distribution of durations (milliseconds), so a year of waits can be summarised from
 * 366 small day summaries instead of every raw event (a DDSketch-style log-spaced histogram).
 *
 * Accuracy, which reports rely on:
 * - `count`, `sum` (so the average), `min` and `max` are exact;
 * - while a distribution holds at most `EXACT_UP_TO` values it keeps them, and its quantiles are
 *   exact (a window's few citizens on one day, a test's handful);
 * - beyond that each value ≥ 1 ms is counted in the bucket (γ^(i-1), γ^i] with γ = (1+α)/(1-α),
 *   and a quantile is the bucket's centre 2γ^i/(γ+1), clamped to [min, max]: within a relative
 *   error of α = 1% of the exact nearest-rank quantile. Values below 1 ms count as 0 (exactly).
 *
 * Whether values or buckets are kept depends only on how many values there are, and a bucket only
 * on its value, so merging is exactly associative and commutative: any order of merging days gives
 * the same distribution as adding every value to one.
 */

/** The relative error of a quantile of more than `EXACT_UP_TO` values (1%). */
export const RELATIVE_ERROR = 0.01;
/** Up to this many values are kept as they are. */
export const EXACT_UP_TO = 32;

const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);

const bucketOf = (v: number): number => Math.ceil(Math.log(v) / LOG_GAMMA);
const centreOf = (i: number): number => (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);

/**
 * The compact JSON form: `n` values summing to `s`, between `lo` and `hi`; either the values
 * themselves (`v`, ascending) or `z` zeros and buckets `b` as pairs [index delta, count], the
 * indices ascending and each given as the difference from the previous one.
 */
export interface DistributionJson {
  n: number;
  s: number;
  lo: number;
  hi: number;
  v?: number[];
  z?: number;
  b?: number[];
}

export class Distribution {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** The values themselves while there are at most EXACT_UP_TO of them; then null. */
  private values: number[] | null = [];
  private zeros = 0;
  private readonly buckets = new Map<number, number>();

  add(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    if (this.values) {
      this.values.push(ms);
      if (this.values.length > EXACT_UP_TO) this.spill();
    } else {
      this.bucket(ms, 1);
    }
  }

  private bucket(ms: number, n: number): void {
    if (ms < 1) {
      this.zeros += n;
      return;
    }
    const i = bucketOf(ms);
    this.buckets.set(i, (this.buckets.get(i) ?? 0) + n);
  }

  /** From kept values to buckets, once there are too many to keep. */
  private spill(): void {
    for (const v of this.values!) this.bucket(v, 1);
    this.values = null;
  }

  /** Adds every value of `other` (which is left as it was). */
  merge(other: Distribution): this {
    if (other.count === 0) return this;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (this.values && other.values && this.values.length + other.values.length <= EXACT_UP_TO) {
      this.values.push(...other.values);
      return this;
    }
    if (this.values) this.spill();
    if (other.values) {
      for (const v of other.values) this.bucket(v, 1);
    } else {
      this.zeros += other.zeros;
      for (const [i, n] of other.buckets) this.buckets.set(i, (this.buckets.get(i) ?? 0) + n);
    }
    return this;
  }

  /** Adds every value of a distribution in its JSON form, without building it first (a year of days merges quickly). */
  mergeJson(j: DistributionJson): this {
    if (j.n === 0) return this;
    this.count += j.n;
    this.sum += j.s;
    if (j.lo < this.min) this.min = j.lo;
    if (j.hi > this.max) this.max = j.hi;
    if (j.v) {
      if (this.values && this.values.length + j.v.length <= EXACT_UP_TO) {
        this.values.push(...j.v);
        return this;
      }
      if (this.values) this.spill();
      for (const v of j.v) this.bucket(v, 1);
      return this;
    }
    if (this.values) this.spill();
    this.zeros += j.z ?? 0;
    const b = j.b ?? [];
    let i = 0;
    for (let k = 0; k + 1 < b.length; k += 2) {
      i += b[k]!;
      this.buckets.set(i, (this.buckets.get(i) ?? 0) + b[k + 1]!);
    }
    return this;
  }

  /** Nearest-rank quantile (`q` in 0…1): the smallest value with at least q of them at or below it; null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (this.values) return [...this.values].sort((a, b) => a - b)[rank - 1]!;
    let seen = this.zeros;
    if (seen >= rank) return 0;
    for (const i of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(i)!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, centreOf(i)));
    }
    return this.max;
  }

  toJSON(): DistributionJson {
    const base = { n: this.count, s: this.sum, lo: this.count ? this.min : 0, hi: this.count ? this.max : 0 };
    if (this.values) return { ...base, v: [...this.values].sort((a, b) => a - b) };
    const b: number[] = [];
    let last = 0;
    for (const i of [...this.buckets.keys()].sort((x, y) => x - y)) {
      b.push(i - last, this.buckets.get(i)!);
      last = i;
    }
    return { ...base, z: this.zeros, b };
  }

  static fromJSON(json: DistributionJson): Distribution {
    const d = new Distribution();
    d.count = json.n;
    d.sum = json.s;
    if (json.n > 0) {
      d.min = json.lo;
      d.max = json.hi;
    }
    if (json.v) {
      d.values = [...json.v];
      return d;
    }
    d.values = null;
    d.zeros = json.z ?? 0;
    const b = json.b ?? [];
    let i = 0;
    for (let k = 0; k + 1 < b.length; k += 2) {
      i += b[k]!;
      d.buckets.set(i, b[k + 1]!);
    }
    return d;
  }
}
