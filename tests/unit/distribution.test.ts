/**
 * The mergeable distribution of durations: exact counts, sums, extremes and (for few values)
 * quantiles; quantiles of many values within the stated relative error; merging in any order gives
 * the same distribution as adding every value to one; the JSON form reads back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Distribution, EXACT_UP_TO, RELATIVE_ERROR } from '../../server/domain/distribution';

function of(values: readonly number[]): Distribution {
  const d = new Distribution();
  for (const v of values) d.add(v);
  return d;
}

/** Nearest-rank quantile of the values themselves. */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/** Durations as the hall records them: whole milliseconds from none up to a long day. */
const duration = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 12 * 3600_000 }));
const durations = fc.array(duration, { maxLength: 400 });
const QUANTILES = [0, 0.01, 0.25, 0.5, 0.9, 0.99, 1];

describe('Distribution', () => {
  it('keeps few values exactly, quantiles included', () => {
    const d = of([600_001, 300_001, 120_001, 540_001, 60_001]);
    expect(d.quantile(0.5)).toBe(300_001);
    expect(d.quantile(0.9)).toBe(600_001);
    expect(d.toJSON()).toEqual({ n: 5, s: 1_620_005, lo: 60_001, hi: 600_001, v: [60_001, 120_001, 300_001, 540_001, 600_001] });
    expect(new Distribution().quantile(0.5)).toBeNull();
  });

  it('answers quantiles of many values within the stated relative error, and counts, sum and extremes exactly', () => {
    fc.assert(
      fc.property(durations, (values) => {
        const d = of(values);
        expect(d.count).toBe(values.length);
        expect(d.sum).toBe(values.reduce((a, b) => a + b, 0));
        if (values.length === 0) return;
        expect(d.min).toBe(Math.min(...values));
        expect(d.max).toBe(Math.max(...values));
        for (const q of QUANTILES) {
          const exact = exactQuantile(values, q);
          const got = d.quantile(q)!;
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(RELATIVE_ERROR * exact + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('merges associatively and commutatively: any grouping equals adding every value to one', () => {
    fc.assert(
      fc.property(durations, durations, durations, (a, b, c) => {
        const all = of([...a, ...b, ...c]).toJSON();
        const left = of(a).merge(of(b)).merge(of(c)).toJSON();
        const right = of(a)
          .merge(of(b).merge(of(c)))
          .toJSON();
        const swapped = of(c).merge(of(a)).merge(of(b)).toJSON();
        expect(left).toEqual(all);
        expect(right).toEqual(all);
        expect(swapped).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back its JSON form as the same distribution, and keeps it compact', () => {
    fc.assert(
      fc.property(durations, durations, (a, b) => {
        const d = of(a);
        const copy = Distribution.fromJSON(JSON.parse(JSON.stringify(d.toJSON())));
        expect(copy.toJSON()).toEqual(d.toJSON());
        // A copy merges like the original, and the JSON form merges like the distribution.
        expect(copy.merge(of(b)).toJSON()).toEqual(of([...a, ...b]).toJSON());
        expect(
          of(b)
            .mergeJson(JSON.parse(JSON.stringify(of(a).toJSON())))
            .toJSON(),
        ).toEqual(of([...b, ...a]).toJSON());
      }),
      { numRuns: 200 },
    );
    // A day of a thousand waits between one minute and two hours: a few hundred buckets at most.
    const many = of(Array.from({ length: 1000 }, (_, i) => 60_000 + ((i * 7919) % 7_140_000)));
    const json = many.toJSON();
    expect(json.v).toBeUndefined();
    expect(json.b!.length / 2).toBeLessThan(260);
    expect(JSON.stringify(json).length).toBeLessThan(2_000);
    expect(of(Array.from({ length: EXACT_UP_TO }, (_, i) => i)).toJSON().v).toHaveLength(EXACT_UP_TO);
  });
});
