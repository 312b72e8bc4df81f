/**
 * What an agent can tell Warmline, typed as text (`/accept 3f2a`) or sent by a card button: parsed
 * into one command, or a clear reason why it is not one. Anything an assigned agent types that is not
 * a command goes to their customer.
 */

/** Every command, as typed after the slash. */
export const agentCommandNames = ['help', 'queue', 'accept', 'transcript', 'note', 'transfer', 'end', 'available', 'away'] as const;

/** A command name. */
export type AgentCommandName = (typeof agentCommandNames)[number];

/** A parsed agent command. */
export type AgentCommand =
  | { readonly name: 'help' | 'queue' | 'transcript' | 'end' | 'available' | 'away' }
  | { readonly name: 'accept'; readonly handoffId?: string }
  | { readonly name: 'note'; readonly text: string }
  | { readonly name: 'transfer'; readonly target: string; readonly note?: string };

/** The result of reading an agent's input. */
export type AgentInput =
  | { readonly kind: 'command'; readonly command: AgentCommand }
  /** Looked like a command but is not one (unknown name, missing argument). */
  | { readonly kind: 'bad-command'; readonly name: string; readonly problem: 'unknown' | 'missing-argument' }
  /** Ordinary text: for the customer. */
  | { readonly kind: 'text'; readonly text: string };

/** Longest note or transfer note kept. */
const maxNoteChars = 1000;
/** What a handoff id (or the start of one) looks like when typed. */
const handoffIdPattern = /^[0-9a-f-]{4,36}$/i;

/** Reads an agent's message: a card button's value wins over the text. */
export function readAgentInput(text: string, value?: unknown): AgentInput {
  const fromCard = readCardCommand(value);
  if (fromCard) return fromCard;
  const trimmed = text.trim().replace(/^／/, '/');
  if (!trimmed.startsWith('/')) return { kind: 'text', text: trimmed };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  return parse(name, rest);
}

/** True when a text looks like an agent command (a customer typing one is told it is for agents). */
export function looksLikeAgentCommand(text: string): boolean {
  const name = /^[/／](\S+)/.exec(text.trim())?.[1]?.toLowerCase();
  return name !== undefined && (agentCommandNames as readonly string[]).includes(name);
}

function parse(name: string, rest: string): AgentInput {
  switch (name) {
    case 'help':
    case 'queue':
    case 'transcript':
    case 'end':
    case 'available':
    case 'away':
      return { kind: 'command', command: { name } };
    case 'accept': {
      if (!rest) return { kind: 'command', command: { name } };
      const id = rest.split(/\s+/)[0] ?? '';
      return handoffIdPattern.test(id) ? { kind: 'command', command: { name, handoffId: id.toLowerCase() } } : { kind: 'bad-command', name, problem: 'missing-argument' };
    }
    case 'note':
      return rest ? { kind: 'command', command: { name, text: rest.slice(0, maxNoteChars) } } : { kind: 'bad-command', name, problem: 'missing-argument' };
    case 'transfer': {
      const [target, ...noteWords] = rest.split(/\s+/);
      if (!target) return { kind: 'bad-command', name, problem: 'missing-argument' };
      const note = noteWords.join(' ').trim().slice(0, maxNoteChars);
      return { kind: 'command', command: note ? { name, target: target.toLowerCase(), note } : { name, target: target.toLowerCase() } };
    }
    default:
      return { kind: 'bad-command', name: name.slice(0, 40), problem: 'unknown' };
  }
}

function readCardCommand(value: unknown): AgentInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { warmline?: unknown; command?: unknown; handoffId?: unknown };
  if (v.warmline !== 'agent.command' || typeof v.command !== 'string') return undefined;
  if (v.command === 'accept') {
    if (v.handoffId === undefined) return { kind: 'command', command: { name: 'accept' } };
    return typeof v.handoffId === 'string' && handoffIdPattern.test(v.handoffId)
      ? { kind: 'command', command: { name: 'accept', handoffId: v.handoffId.toLowerCase() } }
      : { kind: 'bad-command', name: 'accept', problem: 'missing-argument' };
  }
  if (['help', 'queue', 'transcript', 'end', 'available', 'away'].includes(v.command)) {
    return parse(v.command, '');
  }
  return { kind: 'bad-command', name: v.command.slice(0, 40), problem: 'unknown' };
}
