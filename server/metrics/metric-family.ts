/**
 * Metric families for many labelled series, written straight to the Prometheus text format.
 *
 * Why not prom-client for these: a province node has 1,300 halls × a few dozen figures (~45,000
 * series). At each scrape prom-client builds an object per series and per histogram bucket and
 * escapes every label again: ~180 ms of one unbroken block on the event loop, while kiosks wait.
 * Here a series is a few numbers beside its label text, escaped once when the series is born, and
 * writing gives the event loop back between slices. prom-client keeps the node's own figures
 * (process, heap, event-loop lag) and the store probes; the two texts are joined per scrape.
 */
import { TimeSlice } from '../app/time-slice';

export type Labels = Readonly<Record<string, string>>;

/** Series written between two looks at the clock (a look is cheap, but not free). */
const SERIES_PER_CHECK = 200;

/** A label value as the text format wants it: backslash, double quote and newline escaped. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A sample value as Go's ParseFloat reads it. */
function sampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

interface Series {
  readonly labels: Labels;
  /** `a="x",b="y"`, escaped. */
  readonly text: string;
  /**
   * The series' sample lines as last written, until its numbers change: between two scrapes most
   * of a province's halls have not moved, and their lines are not made (nor thrown away) again.
   */
  written: string | null;
}

abstract class Family<S extends Series> {
  private readonly series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected abstract readonly type: 'counter' | 'gauge' | 'histogram';
  protected abstract create(labels: Labels, text: string): S;
  /** The sample lines of one series. */
  protected abstract lines(s: S): string;

  private key(labels: Labels): string {
    let key = '';
    for (const n of this.labelNames) {
      const v = labels[n];
      if (v === undefined) throw new Error(`${this.name}: label ${n} missing`);
      key += `${v}\u0000`;
    }
    if (Object.keys(labels).length !== this.labelNames.length)
      throw new Error(`${this.name}: labels ${Object.keys(labels).join(',')} are not ${this.labelNames.join(',')}`);
    return key;
  }

  protected at(labels: Labels): S {
    const key = this.key(labels);
    let s = this.series.get(key);
    if (!s) {
      const own = Object.fromEntries(this.labelNames.map((n) => [n, labels[n]!]));
      s = this.create(own, this.labelNames.map((n) => `${n}="${escapeLabelValue(own[n]!)}"`).join(','));
      this.series.set(key, s);
    }
    return s;
  }

  remove(labels: Labels): void {
    this.series.delete(this.key(labels));
  }

  /** Drops every series whose labels `drop` says go. */
  removeWhere(drop: (labels: Labels) => boolean): void {
    for (const [key, s] of this.series) if (drop(s.labels)) this.series.delete(key);
  }

  get size(): number {
    return this.series.size;
  }

  /** Appends this family's text to `out`, pausing for the event loop as `slice` says. */
  async write(out: string[], slice: TimeSlice): Promise<void> {
    out.push(`# HELP ${this.name} ${this.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${this.name} ${this.type}\n`);
    let n = 0;
    for (const s of this.series.values()) {
      out.push((s.written ??= this.lines(s)));
      if (++n % SERIES_PER_CHECK === 0) await slice.pause();
    }
  }
}

interface ValueSeries extends Series {
  value: number;
}

abstract class ValueFamily extends Family<ValueSeries> {
  protected create(labels: Labels, text: string): ValueSeries {
    return { labels, text, value: 0, written: null };
  }

  protected lines(s: ValueSeries): string {
    return `${this.name}{${s.text}} ${sampleValue(s.value)}\n`;
  }
}

export class CounterFamily extends ValueFamily {
  protected readonly type = 'counter';

  inc(labels: Labels, by = 1): void {
    const s = this.at(labels);
    s.value += by;
    s.written = null;
  }
}

export class GaugeFamily extends ValueFamily {
  protected readonly type = 'gauge';

  set(labels: Labels, value: number): void {
    const s = this.at(labels);
    if (s.value === value && s.written !== null) return;
    s.value = value;
    s.written = null;
  }
}

interface HistogramSeries extends Series {
  /** Observations per bucket, not cumulative; the last one is above every edge. */
  readonly counts: number[];
  sum: number;
}

export class HistogramFamily extends Family<HistogramSeries> {
  protected readonly type = 'histogram';
  /** `le="…"` of each edge, then +Inf. */
  private readonly les: string[];

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly edges: readonly number[],
  ) {
    super(name, help, labelNames);
    this.les = [...edges.map((e) => `le="${sampleValue(e)}"`), 'le="+Inf"'];
  }

  protected create(labels: Labels, text: string): HistogramSeries {
    return { labels, text, counts: new Array<number>(this.edges.length + 1).fill(0), sum: 0, written: null };
  }

  observe(labels: Labels, value: number): void {
    const s = this.at(labels);
    let i = 0;
    while (i < this.edges.length && value > this.edges[i]!) i++;
    s.counts[i]!++;
    s.sum += value;
    s.written = null;
  }

  protected lines(s: HistogramSeries): string {
    let cumulative = 0;
    let lines = '';
    for (let i = 0; i < this.les.length; i++) {
      cumulative += s.counts[i]!;
      lines += `${this.name}_bucket{${this.les[i]},${s.text}} ${cumulative}\n`;
    }
    return `${lines}${this.name}_sum{${s.text}} ${sampleValue(s.sum)}\n${this.name}_count{${s.text}} ${cumulative}\n`;
  }
}

export type MetricFamily = CounterFamily | GaugeFamily | HistogramFamily;

/** The text of `families`, written a slice at a time. */
export async function familiesText(families: readonly MetricFamily[]): Promise<string> {
  const out: string[] = [];
  const slice = new TimeSlice();
  for (const f of families) {
    await f.write(out, slice);
    await slice.pause();
  }
  return out.join('');
}
