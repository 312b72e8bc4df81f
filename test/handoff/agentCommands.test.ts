import { expect } from 'chai';
import { looksLikeAgentCommand, readAgentInput } from '../../handoff/agentCommands';

describe('agentCommands', () => {
  it('reads every command typed as text', () => {
    expect(readAgentInput('/help')).to.deep.equal({ kind: 'command', command: { name: 'help' } });
    expect(readAgentInput('  /QUEUE ')).to.deep.equal({ kind: 'command', command: { name: 'queue' } });
    expect(readAgentInput('/accept')).to.deep.equal({ kind: 'command', command: { name: 'accept' } });
    expect(readAgentInput('/accept 3F2A91bc')).to.deep.equal({ kind: 'command', command: { name: 'accept', handoffId: '3f2a91bc' } });
    expect(readAgentInput('/transcript')).to.deep.equal({ kind: 'command', command: { name: 'transcript' } });
    expect(readAgentInput('/note called the carrier, parcel in depot')).to.deep.equal({ kind: 'command', command: { name: 'note', text: 'called the carrier, parcel in depot' } });
    expect(readAgentInput('/transfer Specialists refund over limit')).to.deep.equal({ kind: 'command', command: { name: 'transfer', target: 'specialists', note: 'refund over limit' } });
    expect(readAgentInput('/transfer li')).to.deep.equal({ kind: 'command', command: { name: 'transfer', target: 'li' } });
    for (const name of ['end', 'available', 'away'] as const) expect(readAgentInput(`/${name}`)).to.deep.equal({ kind: 'command', command: { name } });
  });

  it('accepts the full-width slash a Chinese keyboard types', () => {
    expect(readAgentInput('／end')).to.deep.equal({ kind: 'command', command: { name: 'end' } });
  });

  it('says what is wrong with a bad command instead of relaying it to the customer', () => {
    expect(readAgentInput('/dance')).to.deep.equal({ kind: 'bad-command', name: 'dance', problem: 'unknown' });
    expect(readAgentInput('/note')).to.deep.equal({ kind: 'bad-command', name: 'note', problem: 'missing-argument' });
    expect(readAgentInput('/transfer')).to.deep.equal({ kind: 'bad-command', name: 'transfer', problem: 'missing-argument' });
    expect(readAgentInput('/accept <script>')).to.deep.equal({ kind: 'bad-command', name: 'accept', problem: 'missing-argument' });
  });

  it('treats anything else as text for the customer', () => {
    expect(readAgentInput(' Hello, I can help with that. ')).to.deep.equal({ kind: 'text', text: 'Hello, I can help with that.' });
  });

  it('reads card buttons and ignores values that are not agent commands', () => {
    expect(readAgentInput('', { warmline: 'agent.command', command: 'accept', handoffId: 'abcd1234-0000' })).to.deep.equal({ kind: 'command', command: { name: 'accept', handoffId: 'abcd1234-0000' } });
    expect(readAgentInput('', { warmline: 'agent.command', command: 'queue' })).to.deep.equal({ kind: 'command', command: { name: 'queue' } });
    expect(readAgentInput('', { warmline: 'agent.command', command: 'accept', handoffId: 42 })).to.deep.equal({ kind: 'bad-command', name: 'accept', problem: 'missing-argument' });
    expect(readAgentInput('', { warmline: 'agent.command', command: 'rm -rf' })).to.deep.equal({ kind: 'bad-command', name: 'rm -rf', problem: 'unknown' });
    expect(readAgentInput('hi', { warmline: 'faq.none' })).to.deep.equal({ kind: 'text', text: 'hi' });
  });

  it('recognises a customer typing an agent command', () => {
    expect(looksLikeAgentCommand('/accept 1234')).to.equal(true);
    expect(looksLikeAgentCommand('/end')).to.equal(true);
    expect(looksLikeAgentCommand('/dance')).to.equal(false);
    expect(looksLikeAgentCommand('my order 1/2 arrived')).to.equal(false);
  });
});
