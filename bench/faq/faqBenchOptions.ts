/**
 * Command-line options of `npm run bench:faq`.
 */

/** What to run and how to print it. */
export interface FaqBenchOptions {
  /** Run only rows whose id or title contains one of these (case-insensitive). Empty: all rows. */
  readonly only: readonly string[];
  readonly skipPerf: boolean;
  /** System ids to run (`warmline`, `node-nlp`, `minisearch`). Empty: all. */
  readonly systems: readonly string[];
  /** Also print the tables as markdown, ready for docs/BENCHMARKS.md. */
  readonly markdown: boolean;
  /** Write bench/results/faq.json even for a partial run (a full run always writes it). */
  readonly write: boolean;
  readonly help: boolean;
}

/** Usage text for `--help`. */
export const faqBenchUsage = `Usage: npm run bench:faq -- [options]
  --only <text>       run only rows whose id or title contains <text> (repeatable, or comma-separated),
                      e.g. --only banking, --only "10-shot", --only chit-chat, --only perf
  --skip-perf         skip the synthetic performance rows
  --systems <ids>     comma-separated: warmline,node-nlp,minisearch (default: all)
  --markdown          also print the tables as markdown (for docs/BENCHMARKS.md)
  --write             write bench/results/faq.json even for a partial run
  --help              this text`;

/** Parses argv (without node and script); throws with a readable message on a bad option. */
export function parseFaqBenchOptions(argv: readonly string[]): FaqBenchOptions {
  const only: string[] = [];
  const systems: string[] = [];
  let skipPerf = false;
  let markdown = false;
  let write = false;
  let help = false;
  const list = (value: string | undefined, flag: string): string[] => {
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    return value.split(',').map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--only') only.push(...list(argv[(i += 1)], arg));
    else if (arg === '--systems') systems.push(...list(argv[(i += 1)], arg));
    else if (arg === '--skip-perf') skipPerf = true;
    else if (arg === '--markdown') markdown = true;
    else if (arg === '--write') write = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else throw new Error(`unknown option ${arg}\n${faqBenchUsage}`);
  }
  return { only, skipPerf, systems, markdown, write, help };
}

/** True when a row with this id and title is selected by `--only`. */
export function rowSelected(options: FaqBenchOptions, id: string, title: string): boolean {
  return options.only.length === 0 || options.only.some((o) => id.toLowerCase().includes(o) || title.toLowerCase().includes(o));
}
