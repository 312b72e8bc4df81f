/**
 * The text of an Adaptive Card, for channels that cannot show cards (P12: the same content,
 * rendered in what the channel supports). Text blocks become lines, fact sets become "title: value"
 * lines, and agent command buttons become the command to type.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Markdown text with everything a person needs from the card. */
export function adaptiveCardText(card: Readonly<Json>): string {
  const lines: string[] = [];
  walk(card.body, lines);
  const commands = actionsOf(card).flatMap(commandOf);
  if (commands.length > 0) lines.push(commands.join(' · '));
  return lines.join('\n\n');
}

function walk(elements: unknown, lines: string[]): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isObject(element)) continue;
    if (element.type === 'TextBlock' && typeof element.text === 'string') lines.push(element.text);
    else if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts) if (isObject(fact)) lines.push(`${String(fact.title ?? '')}: ${String(fact.value ?? '')}`);
    } else if (element.type === 'ColumnSet' && Array.isArray(element.columns)) {
      for (const column of element.columns) if (isObject(column)) walk(column.items, lines);
    } else if (element.type === 'ActionSet') {
      const commands = actionsOf(element).flatMap(commandOf);
      if (commands.length > 0) lines.push(commands.join(' · '));
    } else {
      walk(element.items, lines);
    }
  }
}

function actionsOf(holder: Readonly<Json>): Json[] {
  return Array.isArray(holder.actions) ? holder.actions.filter(isObject) : [];
}

/** "Accept: /accept 3f2a1b4c" for an agent command button; nothing for other actions. */
function commandOf(action: Json): string[] {
  const data = action.data;
  if (!isObject(data) || data.warmline !== 'agent.command' || typeof data.command !== 'string') return [];
  const id = typeof data.handoffId === 'string' ? ` ${data.handoffId.slice(0, 8)}` : '';
  return [`${String(action.title ?? data.command)}: /${data.command}${id}`];
}
