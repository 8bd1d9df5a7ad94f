import type { Role } from '../domain/enums.js';
import { LEADERSHIP } from '../domain/access.js';

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
  { command: 'new', roles: ['FOCAL', 'COORDINATOR', 'ADMIN'] }, // coordinators and admins register on an agency's behalf
  { command: 'my', roles: ['FOCAL'] },
  { command: 'plans', roles: ['FOCAL', 'COORDINATOR', 'ADMIN'] },
  { command: 'followups', roles: ['FOCAL', 'COORDINATOR', 'ADMIN'] },
  { command: 'anniversaries', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'review', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'invite', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'agencies', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'users', roles: ['ADMIN'] },
  { command: 'digest', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'setgroup', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'settings', roles: ['COORDINATOR', 'ADMIN'] },
  { command: 'summary', roles: LEADERSHIP },
  { command: 'upcoming', roles: LEADERSHIP },
  { command: 'overdue', roles: LEADERSHIP },
  { command: 'report', roles: LEADERSHIP },
  { command: 'find', roles: 'all' }, // focal points find their agency's activities; the others all
];

export function commandsFor(role: Role | null | undefined): string[] {
  return COMMANDS.filter((c) => c.roles === 'all' || (role && c.roles.includes(role))).map((c) => c.command);
}
