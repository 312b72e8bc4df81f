import { expect } from 'chai';
import fc from 'fast-check';
import { ConnectorMappers } from 'botframework-connector/lib/connectorApi/connectorClient';
import { activityBody, fullActivityBody } from '../../adapters/activityBody';

/** The body, or the serializer's error message: the cut-down mapper must give the same of either. */
function outcome(serialize: (activity: unknown) => string, activity: unknown): { body: string } | { error: string } {
  try {
    return { body: serialize(activity) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const activityFields = Object.keys((ConnectorMappers.Activity as { type: { modelProperties: Record<string, unknown> } }).type.modelProperties);

/** A value of about any shape: what a field may hold, right or wrong for its mapper. */
const anyValue = fc.oneof(
  fc.string(),
  fc.constantFrom('message', 'typing', 'en-US', '2026-12-06T10:00:00.000Z', 'markdown'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
  fc.dictionary(fc.constantFrom('id', 'name', 'role', 'aadObjectId', 'extra', 'type', 'title', 'value'), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined)), { maxKeys: 5 }),
);

/** Card actions and attachments whose items hold different fields, nested objects included. */
const cardAction = fc.record(
  { type: fc.constantFrom('imBack', 'messageBack', 'postBack'), title: fc.string(), text: fc.string(), displayText: fc.string(), value: fc.oneof(fc.string(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })), image: fc.string(), channelData: fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }) },
  { requiredKeys: [] },
);
const attachment = fc.record({ contentType: fc.string(), contentUrl: fc.string(), content: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), name: fc.string(), unknownPart: fc.string() }, { requiredKeys: [] });

const activity = fc.record(
  {
    fields: fc.dictionary(fc.constantFrom(...activityFields, 'notAField', 'alsoUnknown'), anyValue, { maxKeys: 14 }),
    actions: fc.option(fc.array(cardAction, { maxLength: 4 }), { nil: undefined }),
    attachments: fc.option(fc.array(attachment, { maxLength: 3 }), { nil: undefined }),
  },
  { requiredKeys: ['fields'] },
).map(({ fields, actions, attachments }) => ({
  ...fields,
  ...(actions ? { suggestedActions: { to: ['user-1'], actions } } : {}),
  ...(attachments ? { attachments } : {}),
}));

/** The parts of a core-client mapper the generator below reads. */
interface MapperLike {
  readonly type: { readonly name: string; readonly className?: string; readonly modelProperties?: Record<string, MapperLike>; readonly element?: MapperLike; readonly value?: MapperLike };
}
const connectorMappers = ConnectorMappers as unknown as Record<string, MapperLike>;

/**
 * Values that fit `mapper` as the connector's models describe them (each property there or not, a
 * few unknown ones besides), `depth` levels of nested models deep.
 */
function fitting(mapper: MapperLike, depth: number): fc.Arbitrary<unknown> {
  switch (mapper.type.name) {
    case 'String':
      return fc.string({ maxLength: 8 });
    case 'Number':
      return fc.integer();
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.oneof(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constant('2026-12-06T10:00:00.000Z'));
    case 'ByteArray':
      return fc.uint8Array({ maxLength: 4 });
    case 'Object':
      return fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxKeys: 3 });
    case 'Dictionary':
      return fc.dictionary(fc.string({ maxLength: 4 }), mapper.type.value ? fitting(mapper.type.value, depth) : fc.string(), { maxKeys: 3 });
    case 'Sequence':
      return depth > 0 && mapper.type.element ? fc.array(fitting(mapper.type.element, depth - 1), { maxLength: 3 }) : fc.constant([]);
    case 'Composite': {
      const model = mapper.type.modelProperties ? mapper : connectorMappers[mapper.type.className ?? ''];
      if (!model?.type.modelProperties || depth <= 0) return fc.constant({});
      const properties = Object.fromEntries(Object.entries(model.type.modelProperties).map(([key, property]) => [key, fc.oneof({ weight: 4, arbitrary: fitting(property, depth - 1) }, { weight: 1, arbitrary: fc.constant(null) })]));
      return fc.record({ ...properties, unknownPart: fc.string({ maxLength: 4 }) }, { requiredKeys: [] });
    }
    default:
      throw new Error(`no generator for mapper type ${mapper.type.name}`);
  }
}

describe('activityBody: the connector serializer with only the properties an activity holds', () => {
  it('gives the bytes of the full Activity mapper for activities the connector models describe, nested lists of different items included', () => {
    fc.assert(
      fc.property(fitting(connectorMappers.Activity as MapperLike, 4), (a) => {
        expect(outcome(activityBody, a)).to.deep.equal(outcome(fullActivityBody, a));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the bytes of the full Activity mapper, or the same error, for any fields of any shape', () => {
    fc.assert(
      fc.property(activity, (a) => {
        expect(outcome(activityBody, a)).to.deep.equal(outcome(fullActivityBody, a));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the mapper order, drops unknown fields and serialises dates, as the connector does', () => {
    const body = activityBody({ text: 'hi', notAField: 1, type: 'message', timestamp: new Date('2026-12-06T10:00:00.000Z'), from: { name: 'Warmline', id: 'bot', extra: true } });
    expect(body).to.equal('{"type":"message","timestamp":"2026-12-06T10:00:00.000Z","from":{"id":"bot","name":"Warmline"},"text":"hi"}');
  });

  it('refuses what the connector refuses', () => {
    expect(() => activityBody({ type: 42 })).to.throw(/type/);
    expect(outcome(activityBody, { text: { not: 'a string' } })).to.deep.equal(outcome(fullActivityBody, { text: { not: 'a string' } }));
  });
});
