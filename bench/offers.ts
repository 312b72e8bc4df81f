/**
 * `npm run bench:offers`: simulated conversations through the whole bot (shipped knowledge and
 * catalogue, a generated population), then the offer figures an admin would see (offer rate,
 * accepts, declines, opt-outs, holdout, gate reasons, lift) and an independent audit of every turn
 * that counts gate bypasses; exits with 1 if there is any (or a turn failed). All behaviour (resolution answers,
 * accepts, purchases) is simulated, not taken from customers. Method and results: docs/BENCHMARKS.md.
 *
 *   npm run bench:offers -- --conversations 1000 --seed 1 --customers 200 --markdown
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { offerReport } from '../offers/offerMetrics';
import type { OfferReport } from '../offers/offerMetrics';
import { shippedOffers } from '../test/support/botHarness';
import { gitInfo, machineInfo } from './faq/machineInfo';
import { behaviour, runOfferSimulation } from './offerSimulation';
import type { OfferBenchRun } from './offerSimulation';

const repoRoot = path.resolve(__dirname, '..');

/** Command-line options. */
interface Options {
  readonly conversations: number;
  readonly seed: number;
  readonly customers: number;
  /** Overrides the catalogue's holdout share (0…0.5), e.g. to measure lift in a short run. */
  readonly holdoutShare?: number;
  readonly markdown: boolean;
}

function readOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const n = Number(argv[at + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number of at least 1, got ${JSON.stringify(argv[at + 1])}`);
    return n;
  };
  const share = argv.indexOf('--holdout-share');
  const holdoutShare = share < 0 ? undefined : Number(argv[share + 1]);
  if (holdoutShare !== undefined && !(holdoutShare >= 0 && holdoutShare <= 0.5)) throw new Error(`--holdout-share needs a number from 0 to 0.5, got ${JSON.stringify(argv[share + 1])}`);
  return { conversations: value('conversations', 1000), seed: value('seed', 1), customers: value('customers', 200), ...(holdoutShare !== undefined ? { holdoutShare } : {}), markdown: argv.includes('--markdown') };
}

const pct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '–');
const ratio = (v: number | null): string => (v === null ? '–' : `${(100 * v).toFixed(1)} %`);

/** The rows of the three tables: summary, per offer, gate reasons. */
function tables(run: OfferBenchRun, report: OfferReport): { title: string; columns: string[]; rows: string[][] }[] {
  const g = report.gates;
  const audit = run.sim.audit.counts;
  const sum = (pickOne: (o: OfferReport['offers'][number]) => number): number => report.offers.reduce((s, o) => s + pickOne(o), 0);
  const shown = sum((o) => o.impressions);
  const accepts = sum((o) => o.accepts);
  const summary: [string, string][] = [
    ['Conversations (simulated)', String(run.conversations)],
    ['Customer turns', String(run.turns)],
    ['Confirmed resolutions', `${run.confirmedResolutions} (${(run.confirmedResolutions / run.conversations).toFixed(2)} per conversation)`],
    ['Offer decisions (one per rated resolution)', String(g.decisions)],
    ['Offers shown', String(shown)],
    ['Offer rate per conversation', pct(shown, run.conversations)],
    ['Offer rate per confirmed resolution', pct(shown, run.confirmedResolutions)],
    ['Accepted / declined / opted out / moved on / left open', `${accepts} / ${sum((o) => o.declines)} / ${sum((o) => o.optOuts)} / ${sum((o) => o.ignored)} / ${shown - accepts - sum((o) => o.declines + o.optOuts + o.ignored)}`],
    ['Accept rate (all offers)', pct(accepts, shown)],
    ['Opt-outs in all (card or typed) / opt-ins', `${g.optOuts} / ${g.optIns}`],
    ['Held-out decisions (holdout group)', String(g.heldOut)],
    ['Simulated purchases reported (exposed / holdout / not attributed)', `${run.purchases.reported} (${run.purchases.exposed} / ${run.purchases.holdout} / ${run.purchases.unattributed})`],
    ['Conversion: exposed / holdout', `${ratio(report.lift.exposed)} of ${report.lift.exposedDecisions} / ${ratio(report.lift.holdout)} of ${report.lift.holdoutDecisions}`],
    ['Relative lift (simulated)', report.lift.relative === null ? '–' : `${report.lift.relative >= 0 ? '+' : ''}${(100 * report.lift.relative).toFixed(0)} %`],
    ...Object.entries(run.byChannel)
      .sort()
      .map(([channel, c]): [string, string] => [`Offer rate on ${channel}`, `${pct(c.offers, c.conversations)} of ${c.conversations}`]),
    ['Audit: offers the audit saw / the engine counted', `${audit.cardsShown} / ${g.shown}`],
    ['Audit: gate bypasses', String(audit.findings.bypass)],
    ['Audit: failed turns / unrecorded decisions', `${audit.findings['error-reply']} / ${audit.findings['silent-failure']}`],
    ['Audit: offers missed / unexpected replies', `${audit.findings['missed-offer']} / ${audit.findings['unexpected-reply']}`],
  ];
  const perOffer = report.offers.map((o) => [
    o.offerId,
    String(o.impressions),
    String(o.accepts),
    String(o.declines),
    String(o.optOuts),
    String(o.ignored),
    String(o.impressions - o.accepts - o.declines - o.optOuts - o.ignored),
    ratio(o.acceptRate),
    String(o.heldOut),
    ratio(o.exposedConversion),
    ratio(o.holdoutConversion),
  ]);
  const reasons = Object.entries(g.byReason)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([reason, count]) => [reason, String(count), pct(count ?? 0, g.decisions)]);
  return [
    { title: 'Summary', columns: ['Figure', 'Value'], rows: summary },
    { title: 'Per offer', columns: ['Offer', 'Shown', 'Accepted', 'Declined', 'Opted out', 'Moved on', 'Left open', 'Accept rate', 'Held out', 'Exposed conv.', 'Holdout conv.'], rows: perOffer },
    { title: 'Why no offer (gate reasons; a decision may have several)', columns: ['Reason', 'Decisions', 'Share of decisions'], rows: reasons },
  ];
}

function asText(columns: readonly string[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function asMarkdown(columns: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const started = performance.now();
  const date = new Date().toISOString();
  const shipped = shippedOffers();
  const catalogue = options.holdoutShare === undefined ? shipped : { ...shipped, settings: { ...shipped.settings, holdoutShare: options.holdoutShare } };
  const run = await runOfferSimulation({ ...options, catalogue });
  const report = await offerReport(run.sim.bot.offerStore, catalogue);
  const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  const machine = machineInfo();
  const printed = tables(run, report);

  console.log(
    `Offer simulation, ${date}, ${machine.cpu} × ${machine.cores}, Node ${machine.node}: ${options.conversations} conversations, seed ${options.seed}, ${options.customers} customers, holdout share ${catalogue.settings.holdoutShare}`,
  );
  console.log('Every figure comes from simulated behaviour (answers, accepts, purchases), not from customers.\n');
  for (const t of printed) console.log(`${t.title}\n${asText(t.columns, t.rows)}\n`);
  if (options.markdown) for (const t of printed) console.log(`**${t.title}**\n\n${asMarkdown(t.columns, t.rows)}\n`);
  const bypasses = run.findings.filter((f) => f.kind === 'bypass');
  const others = run.findings.filter((f) => f.kind !== 'bypass');
  for (const f of [...bypasses, ...others].slice(0, 10)) console.log(`audit ${f.kind}: ${f.message}`);
  if (run.findings.length > 0) console.log('(the transcript of the first findings is in the results file)');

  const output = {
    date,
    durationSeconds,
    machine,
    git: gitInfo(repoRoot),
    note: 'Simulated behaviour through the real bot (shipped knowledge and catalogue, test channel added); not customer data.',
    options: { conversations: options.conversations, seed: options.seed, customers: options.customers, holdoutShare: catalogue.settings.holdoutShare },
    behaviour,
    population: run.population,
    simulatedDays: run.days,
    figures: {
      turns: run.turns,
      confirmedResolutions: run.confirmedResolutions,
      byChannel: run.byChannel,
      purchases: run.purchases,
      audit: run.sim.audit.counts,
    },
    report,
    findings: run.findings.slice(0, 50),
    findingsTranscript: run.findings.length > 0 ? run.sim.transcript.filter((line) => line.includes('!!')).slice(0, 20) : [],
  };
  // The default run is offers-<date>.json; other options say so in the name, so they never overwrite it.
  const variant = [
    options.conversations !== 1000 ? `-n${options.conversations}` : '',
    options.seed !== 1 ? `-seed${options.seed}` : '',
    options.customers !== 200 ? `-customers${options.customers}` : '',
    options.holdoutShare !== undefined ? `-holdout${options.holdoutShare}` : '',
  ].join('');
  const resultsFile = path.join(repoRoot, 'bench', 'results', `offers-${date.slice(0, 10)}${variant}.json`);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nRun time: ${durationSeconds} s. Results written to ${path.relative(process.cwd(), resultsFile)}`);
  const failedTurns = run.findings.filter((f) => f.kind === 'error-reply').length;
  if (bypasses.length > 0 || failedTurns > 0) {
    console.error(`${bypasses.length} gate bypass(es) (an offer the contact policy forbids) and ${failedTurns} failed turn(s)`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
