/**
 * What a performance run sends back and what the results file records for it.
 */

/** Which system and size a performance child process should measure. */
export interface PerfRequest {
  readonly systemId: 'warmline' | 'minisearch';
  readonly entries: number;
  readonly vocabulary: readonly string[];
  readonly seed: number;
}

/** Figures of one system at one knowledge-base size. */
export interface PerfFigures {
  readonly entries: number;
  readonly questions: number;
  readonly buildSeconds: number;
  readonly queries: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Resident set size after generating the synthetic data, before building (MB). */
  readonly rssBeforeBuildMb: number;
  /** Resident set size after building, after a garbage collection (MB). */
  readonly rssAfterBuildMb: number;
  readonly heapUsedAfterBuildMb: number;
  /** Share of perturbed queries whose top answer is the entry they were made from (a sanity check). */
  readonly perturbedTop1: number;
}

/** One performance cell: figures, or why there are none. */
export interface PerfCellResult {
  readonly systemId: string;
  readonly system: string;
  readonly entries: number;
  readonly figures?: PerfFigures;
  readonly error?: string;
  /** Wall-clock seconds of the child process, start to exit. */
  readonly wallSeconds: number;
}
