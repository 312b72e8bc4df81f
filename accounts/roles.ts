/**
 * The roles a Warmline Studio account can have, from the most to the least trusted. What each may do
 * is decided where it is used (`requireRole` on each route); docs/STUDIO_API.md has the table.
 */

/** Every role, most trusted first. */
export const roles = ['admin', 'editor', 'supervisor', 'agent', 'viewer'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
