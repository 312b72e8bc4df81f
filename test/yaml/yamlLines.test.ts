import { expect } from 'chai';
import { lineOfYamlPath } from '../../yaml/yamlLines';

const text = ['default_queue: general', 'queues:', '  - id: general', '    names: { en-US: General }', '  - id: orders', '    hours:', '      time_zone: Nowhere/City', 'topic_queues:', '  "late order": orders', ''].join('\n');

describe('lineOfYamlPath: the line an admin is sent to for a problem at a YAML path', () => {
  it('finds the line of a value by its path, lists and quoted keys included', () => {
    expect(lineOfYamlPath(text, 'queues[1].hours.time_zone')).to.equal(7);
    expect(lineOfYamlPath(text, 'topic_queues["late order"]')).to.equal(9);
    expect(lineOfYamlPath(text, 'default_queue')).to.equal(1);
  });

  it('points at the nearest mapping that holds a missing key', () => {
    expect(lineOfYamlPath(text, 'queues[0].names.zh-CN')).to.equal(4);
    expect(lineOfYamlPath(text, 'queues[1].max_wait_minutes')).to.equal(5);
  });

  it('takes a syntax problem\'s "line N" as it is, and gives up on what is not a path or not YAML', () => {
    expect(lineOfYamlPath(text, 'line 12')).to.equal(12);
    expect(lineOfYamlPath(text, 'queues[[')).to.equal(undefined);
    expect(lineOfYamlPath('a: [1\n', 'a')).to.equal(undefined);
  });
});
