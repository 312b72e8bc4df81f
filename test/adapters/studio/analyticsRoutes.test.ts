import { expect } from 'chai';
import type { WarmlineApp } from '../../../index';
import { appWithScriptedDay, studioCaller } from '../../support/studioCaller';

describe('adapters/studio/analyticsRoutes: the summary and its CSV', function () {
  this.timeout(20_000);
  let app: WarmlineApp;
  let call: Awaited<ReturnType<typeof studioCaller>>;

  before(async () => {
    app = await appWithScriptedDay();
    call = await studioCaller(app, ['viewer', 'agent']);
  });
  after(async () => {
    await app?.stop();
  });

  it('answers a viewer with the figures of the period, by language and channel', async () => {
    const res = await call('viewer', '/api/analytics/summary?from=2026-03-02&to=2026-03-03');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { conversations: number; containmentRate: number; resolution: { rate: number }; csat: { average: number }; query: { from: string; to: string } };
    expect(body.query).to.deep.equal({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' });
    expect([body.conversations, body.containmentRate, body.resolution.rate, body.csat.average]).to.deep.equal([5, 0.6, 0.8, 4.5]);
    const zh = (await (await call('agent', '/api/analytics/summary?from=2026-03-02&to=2026-03-03&locale=zh-CN&channel=msteams')).json()) as { conversations: number };
    expect(zh.conversations).to.equal(1);
  });

  it('takes the last 7 days when no period is given', async () => {
    const body = (await (await call('viewer', '/api/analytics/summary')).json()) as { query: { from: string; to: string }; conversations: number };
    expect(body.query).to.deep.equal({ from: '2026-02-25T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' });
    expect(body.conversations).to.equal(5);
  });

  it('refuses a stranger (401) and bad dates or filters (400), with a code and a message', async () => {
    const stranger = await call(undefined, '/api/analytics/summary');
    expect(stranger.status).to.equal(401);
    expect(((await stranger.json()) as { code: string }).code).to.equal('NotSignedIn');
    for (const query of ['from=yesterday', 'from=2026-02-30', 'from=2026-03-05&to=2026-03-01', 'from=2024-01-01&to=2026-03-01', 'locale=en%20US;drop']) {
      const res = await call('viewer', `/api/analytics/summary?${query}`);
      expect(res.status, query).to.equal(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).to.equal('InvalidQuery');
      expect(body.message).to.be.a('string').and.not.equal('');
    }
    expect((await call(undefined, '/api/analytics/export.csv')).status).to.equal(401);
    expect((await call('viewer', '/api/analytics/export.csv?to=nope')).status).to.equal(400);
  });

  it('exports the same figures as CSV, one a row, to download', async () => {
    const res = await call('viewer', '/api/analytics/export.csv?from=2026-03-02&to=2026-03-03');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="warmline-analytics-2026-03-02-2026-03-04.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).to.equal('metric,dimension,value');
    expect(lines).to.include.members([
      'conversations,,5',
      'containment_rate,,0.6',
      'resolution_rate,,0.8',
      'csat_average,,4.5',
      'escalations_by_reason,not-resolved,1',
      'wait_seconds,average,60',
      'handle_seconds,average,300',
      'unanswered_question,how do I fly to the moon,2',
      'not_resolved_entry,e2 / returns,1',
      'offers_eligible,,3',
      'offers_shown,,2',
      'offers_accepted,,1',
      'offers_lift_over_holdout,,-0.5',
      'conversations_by_day,2026-03-02,4',
      'conversations_by_language_channel,zh-CN/msteams,1',
    ]);
  });
});
