import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { routingBundleProblems, rosterOfBundle, routingOfBundle } from '../../handoff/routingBundle';

const content = path.resolve(__dirname, '..', '..', 'content');
const routingText = readFileSync(path.join(content, 'routing.yaml'), 'utf8');
const roster = rosterOfBundle([{ path: 'agents.yaml', text: readFileSync(path.join(content, 'agents.yaml'), 'utf8') }], routingOfBundle([{ path: 'routing.yaml', text: routingText }]).queues.map((q) => q.id));

describe('routing and roster versions', () => {
  it('refuses a routing that takes away a queue the roster in force serves, naming the agents and the quick replies', () => {
    const withoutSpecialists = routingText.replace(/ {2}- id: specialists[\s\S]*?(?=\n\S|\n# )/, '').replace(/: specialists/g, ': general');
    expect(routingBundleProblems([{ path: 'routing.yaml', text: withoutSpecialists }])).to.deep.equal([]);
    const problems = routingBundleProblems([{ path: 'routing.yaml', text: withoutSpecialists }], roster);
    expect(problems.map((p) => p.message)).to.have.length.greaterThan(0);
    expect(problems.every((p) => p.code === 'WL_ROUTING_QUEUE_IN_USE' && p.message.includes('"specialists"'))).to.equal(true);
    expect(problems.map((p) => p.message).join('\n')).to.contain('agent "sam"').and.contain('agent "li"').and.contain('quick reply "warranty-serial" is for');
  });

  it('refuses escalation phrases the policy could never match, as start-up would', () => {
    const text = routingText.replace('      - speak to a manager\n', '      - speak to a manager\n      - "!!!"\n');
    expect(text).to.not.equal(routingText);
    const problems = routingBundleProblems([{ path: 'routing.yaml', text }]);
    expect(problems.map((p) => `${p.path ?? ''} ${p.message}`).join('\n')).to.match(/word/);
  });

  it('is one YAML file', () => {
    expect(routingBundleProblems([])[0]?.message).to.contain('one YAML file');
    expect(routingBundleProblems([{ path: 'a.yaml', text: routingText }, { path: 'b.yaml', text: routingText }])[0]?.message).to.contain('a.yaml, b.yaml');
  });
});
