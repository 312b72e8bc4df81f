import { expect } from 'chai';
import type { Ticket } from '../../handoff/handoffRecord';
import { handoffStoreErrorCodes } from '../../handoff/handoffStoreErrors';
import { TicketRepository } from '../../handoff/ticketRepository';
import { at, describeEachStore, newHandoff } from '../support/handoffStores';

/** A message ticket left `minute` minutes after 09:00. */
function ticket(id: string, minute: number, options: { queueId?: string; kind?: Ticket['kind'] } = {}): Ticket {
  const handoff = newHandoff(id);
  const kind = options.kind ?? 'message';
  return {
    id,
    kind,
    createdAt: at(minute * 60),
    queueId: options.queueId ?? 'general',
    reason: 'requested',
    customer: handoff.customer,
    summary: handoff.summary,
    ...(kind === 'message' ? { message: '请回电，订单 A123' } : { callbackAt: '2026-11-24T10:00:00+08:00', phone: '+86 138 0000 0000' }),
    status: 'open',
  };
}

describeEachStore('TicketRepository', (stores) => {
  it('keeps a ticket as it was left', async () => {
    const tickets = new TicketRepository(stores().store);
    expect(await tickets.create(ticket('t1', 0, { kind: 'callback' }))).to.deep.equal(ticket('t1', 0, { kind: 'callback' }));
    expect(await new TicketRepository(stores().other).get('t1')).to.deep.equal(ticket('t1', 0, { kind: 'callback' }));
    expect(await tickets.get('t2')).to.equal(undefined);
  });

  it('lists tickets newest first, by status and queue', async () => {
    const tickets = new TicketRepository(stores().store);
    await tickets.create(ticket('old', 1));
    await tickets.create(ticket('newest', 3, { queueId: 'billing' }));
    await tickets.create(ticket('middle', 2));
    expect((await tickets.list()).map((t) => t.id)).to.deep.equal(['newest', 'middle', 'old']);
    expect((await tickets.list({ queueId: 'general' })).map((t) => t.id)).to.deep.equal(['middle', 'old']);
    const closed = await tickets.close('middle');
    expect(closed).to.deep.include({ id: 'middle', status: 'done' });
    expect((await tickets.get('middle'))?.status).to.equal('done');
    expect((await tickets.list({ status: 'open' })).map((t) => t.id)).to.deep.equal(['newest', 'old']);
    expect((await tickets.list({ status: 'done', queueId: 'general' })).map((t) => t.id)).to.deep.equal(['middle']);
    expect(await tickets.close('missing')).to.equal(undefined);
    expect(await tickets.list({ queueId: 'nowhere' })).to.deep.equal([]);
  });

  it('refuses a second ticket with the same id and keeps the first', async () => {
    const tickets = new TicketRepository(stores().store);
    await tickets.create(ticket('t1', 0));
    const error = await tickets.create(ticket('t1', 5, { queueId: 'billing' })).catch((e: unknown) => e);
    expect(error).to.have.property('code', handoffStoreErrorCodes.duplicate);
    expect((await tickets.list()).map((t) => [t.id, t.queueId])).to.deep.equal([['t1', 'general']]);
  });

  it('loses no ticket when two instances take them at the same time', async () => {
    const repos = [new TicketRepository(stores().store), new TicketRepository(stores().other)];
    const ids = Array.from({ length: 16 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id, i) => repos[i % 2]?.create(ticket(id, i))));
    await Promise.all(ids.slice(0, 6).map((id, i) => repos[(i + 1) % 2]?.close(id)));
    expect((await repos[0]?.list())?.map((t) => t.id)).to.deep.equal([...ids].reverse());
    expect((await repos[1]?.list({ status: 'done' }))?.map((t) => t.id)).to.deep.equal(ids.slice(0, 6).reverse());
  });
});
