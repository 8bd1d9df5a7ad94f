import type { Role } from '../generated/sqlite/enums.js';

// Which commands each role sees in its menu and in /help. A command appears here once it works:
// later features add their entries (and their `cmd.*` messages in locales/).
export interface CommandSpec {
  command: string;
  roles: Role[] | 'all';
}

export const COMMANDS: CommandSpec[] = [
  { command: 'start', roles: 'all' },
  { command: 'help', roles: 'all' },
  { command: 'lang', roles: 'all' },
  { command: 'cancel', roles: 'all' },
];

export function commandsFor(role: Role | null | undefined): string[] {
  return COMMANDS.filter((c) => c.roles === 'all' || (role && c.roles.includes(role))).map((c) => c.command);
}
