/**
 * A quick check that every benchmark system trains and answers on a toy data set (written here,
 * not taken from the shared data sets) in English and Chinese. Run: `npx tsx bench/faq/smoke.ts`
 * (optionally `--systems minisearch,node-nlp`). Exits non-zero when a system throws or gets every
 * toy query of a language wrong (one miss is allowed: this is a wiring check, not a score).
 */
import type { KnowledgeLocale } from '../../knowledge/knowledgeBase';
import type { Example } from '../datasets';
import { benchSystems } from './benchSystems';

interface ToyCase {
  readonly locale: KnowledgeLocale;
  readonly train: readonly Example[];
  readonly queries: readonly Example[];
}

const ex = (label: string, ...texts: string[]): Example[] => texts.map((text) => ({ text, label }));

const toys: readonly ToyCase[] = [
  {
    locale: 'en-US',
    train: [
      ...ex('hours', 'when are you open', 'what are your opening hours', 'are you open on sunday'),
      ...ex('refund', 'i want my money back', 'how do i get a refund', 'refund my order please'),
      ...ex('password', 'i forgot my password', 'reset my password', 'cannot log in password wrong'),
    ],
    queries: [...ex('hours', 'what time do you open'), ...ex('refund', 'can i get a refund for this'), ...ex('password', 'how to reset password')],
  },
  {
    locale: 'zh-CN',
    train: [
      ...ex('hours', '你们几点开门', '营业时间是什么', '周日营业吗'),
      ...ex('refund', '我要退款', '怎么申请退款', '请给我的订单退款'),
      ...ex('password', '我忘记密码了', '重置密码', '密码错误无法登录'),
    ],
    queries: [...ex('hours', '你们的营业时间'), ...ex('refund', '这个可以退款吗'), ...ex('password', '怎么重置密码')],
  },
];

async function main(): Promise<void> {
  const only = process.argv.includes('--systems') ? (process.argv[process.argv.indexOf('--systems') + 1] ?? '').split(',') : undefined;
  let failures = 0;
  for (const system of benchSystems.filter((s) => !only || only.includes(s.id))) {
    for (const toy of toys) {
      try {
        const classifier = await system.create();
        await classifier.train(toy.train, toy.locale);
        let hits = 0;
        for (const q of toy.queries) {
          const predictions = await classifier.predict(q.text, 3);
          const ok = predictions[0]?.label === q.label;
          if (ok) hits += 1;
          const shown = predictions.map((p) => `${p.label}:${p.confidence.toFixed(3)}`).join(' ');
          console.log(`${ok ? 'ok  ' : 'MISS'} ${system.name.padEnd(10)} ${toy.locale} ${q.label.padEnd(8)} -> ${shown}`);
        }
        if (hits < toy.queries.length - 1) failures += 1;
        const nonsense = await classifier.predict('zzzz qqqq', 3);
        console.log(`     ${system.name.padEnd(10)} ${toy.locale} nonsense -> ${nonsense.map((p) => `${p.label}:${p.confidence.toFixed(3)}`).join(' ') || '(nothing)'}`);
      } catch (error) {
        failures += 1;
        console.log(`ERR  ${system.name} ${toy.locale}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (failures > 0) {
    console.log(`${failures} failure(s)`);
    process.exitCode = 1;
  }
}

void main();
