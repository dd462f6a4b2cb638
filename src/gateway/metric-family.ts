import { labelText, num } from './prometheus-text.ts';

interface Series {
  labels: string[];
  value: number;
}

/** A counter (or gauge) with labels; each label set's series is made on first use. */
export class MetricFamily {
  readonly name: string;
  readonly #help: string;
  readonly #type: 'counter' | 'gauge';
  readonly #labelNames: readonly string[];
  readonly #series = new Map<string, Series>();

  constructor(name: string, help: string, type: 'counter' | 'gauge', labelNames: readonly string[]) {
    this.name = name;
    this.#help = help;
    this.#type = type;
    this.#labelNames = labelNames;
  }

  /** Adds `by` to the series of `labels` (values in the order of the label names). */
  inc(labels: readonly string[], by = 1): void {
    const key = labels.join('\u0000');
    const series = this.#series.get(key);
    if (series) series.value += by;
    else this.#series.set(key, { labels: [...labels], value: by });
  }

  /** Sets the series of `labels` (gauges). */
  set(labels: readonly string[], value: number): void {
    const key = labels.join('\u0000');
    const series = this.#series.get(key);
    if (series) series.value = value;
    else this.#series.set(key, { labels: [...labels], value });
  }

  /** The family in the text format. */
  render(): string {
    let out = `# HELP ${this.name} ${this.#help}\n# TYPE ${this.name} ${this.#type}\n`;
    for (const s of this.#series.values()) out += `${this.name}${labelText(this.#labelNames, s.labels)} ${num(s.value)}\n`;
    return out;
  }
}
