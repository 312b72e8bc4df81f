/**
 * The JSON body of an activity as the Bot Connector client sends it: the connector's own serializer
 * and `Activity` mapper, byte for byte. The serializer visits every property its mapper lists (42 for
 * an `Activity`), present or not, building option objects and names for each, and allocated about an
 * eighth of a FAQ turn's memory. It is given a mapper cut down to what the activity holds instead:
 * a property that is absent and has no default, constant or `required` flag serialises to nothing,
 * so leaving it out changes no byte, and the kept ones stay in the mapper's order.
 */
import { AzureCoreHttpCompat } from 'botbuilder-stdlib';
import { ConnectorMappers } from 'botframework-connector/lib/connectorApi/connectorClient';

/** The parts of a core-client mapper this module reads. */
interface Mapper {
  readonly serializedName?: string;
  readonly required?: boolean;
  readonly isConstant?: boolean;
  readonly defaultValue?: unknown;
  readonly type: {
    readonly name: string;
    readonly className?: string;
    readonly modelProperties?: Readonly<Record<string, Mapper>>;
    readonly additionalProperties?: unknown;
    readonly polymorphicDiscriminator?: unknown;
    readonly uberParent?: string;
  };
}

const mappers = ConnectorMappers as unknown as Readonly<Record<string, Mapper>>;
const serializer = AzureCoreHttpCompat.createSerializer(ConnectorMappers, false);
const activityMapper = mappers.Activity as Mapper;

/** The activity's body as the connector's `replyToActivity` and `sendToConversation` send it. */
export function activityBody(activity: unknown): string {
  return JSON.stringify(serializer.serialize(presentOnly(activityMapper, activity) as never, activity, 'activity'));
}

/** The same body through the connector's full `Activity` mapper (what {@link activityBody} must equal). */
export function fullActivityBody(activity: unknown): string {
  return JSON.stringify(serializer.serialize(ConnectorMappers.Activity, activity, 'activity'));
}

/** A property the serializer writes even when the value lacks it. */
const alwaysWritten = (property: Mapper): boolean => property.required === true || property.isConstant === true || property.defaultValue !== undefined;

/**
 * `mapper` without the model properties `value` lacks, down through nested objects. Lists keep their
 * element mapper: the serializer looks a listed model up by name whatever it is given. Mappers the
 * serializer treats in ways this does not follow (polymorphic or open models, constants) are left
 * whole, as is anything that is not an object.
 */
function presentOnly(mapper: Mapper, value: unknown): Mapper {
  if (typeof value !== 'object' || value === null || mapper.isConstant) return mapper;
  if (mapper.type.name !== 'Composite') return mapper;
  const model = modelOf(mapper);
  if (!model?.type.modelProperties || model.type.additionalProperties || model.type.polymorphicDiscriminator || model.type.uberParent || mapper.type.polymorphicDiscriminator) return mapper;
  const object = value as Record<string, unknown>;
  const kept: Record<string, Mapper> = {};
  for (const [key, property] of Object.entries(model.type.modelProperties)) {
    if (object[key] !== undefined) kept[key] = presentOnly(property, object[key]);
    else if (alwaysWritten(property)) kept[key] = property;
  }
  return { ...mapper, type: { ...model.type, name: 'Composite', modelProperties: kept } };
}

/** The mapper that holds a composite's model: its own, or the named one the serializer would look up. */
function modelOf(mapper: Mapper): Mapper | undefined {
  if (mapper.type.modelProperties) return mapper;
  const named = mapper.type.className ? mappers[mapper.type.className] : undefined;
  return named?.type.modelProperties ? named : undefined;
}
