/** One measured figure of a benchmark, as bench/run.ts tabulates it in RESULTS.md. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}
