import { labelText, num } from './prometheus-text.ts';

interface HistogramSeries {
  labels: string[];
  counts: number[];
  sum: number;
  count: number;
}

/** A histogram with labels and fixed buckets (upper bounds, ascending; `+Inf` is added). */
export class HistogramFamily {
  readonly name: string;
  readonly #help: string;
  readonly #labelNames: readonly string[];
  readonly #buckets: readonly number[];
  readonly #series = new Map<string, HistogramSeries>();

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    this.name = name;
    this.#help = help;
    this.#labelNames = labelNames;
    this.#buckets = buckets;
  }

  /** Records one observation of `value` for `labels`. */
  observe(labels: readonly string[], value: number): void {
    const key = labels.join('\u0000');
    let series = this.#series.get(key);
    if (!series) this.#series.set(key, (series = { labels: [...labels], counts: new Array<number>(this.#buckets.length).fill(0), sum: 0, count: 0 }));
    const buckets = this.#buckets;
    // Counts per bucket, made cumulative when rendered.
    let i = 0;
    while (i < buckets.length && value > (buckets[i] as number)) i++;
    if (i < buckets.length) series.counts[i]++;
    series.sum += value;
    series.count++;
  }

  /** The family in the text format. */
  render(): string {
    let out = `# HELP ${this.name} ${this.#help}\n# TYPE ${this.name} histogram\n`;
    for (const s of this.#series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.#buckets.length; i++) {
        cumulative += s.counts[i] as number;
        out += `${this.name}_bucket${labelText(this.#labelNames, s.labels, `le="${num(this.#buckets[i] as number)}"`)} ${cumulative}\n`;
      }
      out += `${this.name}_bucket${labelText(this.#labelNames, s.labels, 'le="+Inf"')} ${s.count}\n`;
      out += `${this.name}_sum${labelText(this.#labelNames, s.labels)} ${num(s.sum)}\n`;
      out += `${this.name}_count${labelText(this.#labelNames, s.labels)} ${s.count}\n`;
    }
    return out;
  }
}
