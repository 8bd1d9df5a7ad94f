import { demoRefusedMessage, seedDemo } from '../../demo/seed.js';
import { CliUsageError, type CliCommand } from '../types.js';

export const commands: CliCommand[] = [
  {
    path: ['demo', 'seed'],
    summary: 'Load the demo data of the seed documents (agencies, plans, activities, follow-ups) once',
    help: 'A second run changes nothing. Meant for a trial database, not for production data.',
    async run({ positionals }, ctx, io) {
      if (positionals.length) throw new CliUsageError(`Unexpected argument "${positionals[0]}".`);
      const result = await seedDemo(ctx.jobs.deps.repos, ctx.now().toJSDate());
      if (result.refused) {
        io.err(demoRefusedMessage(result));
        return 1;
      }
      io.out(
        result.skipped
          ? 'Demo data already loaded; nothing changed.'
          : `Loaded ${result.agencies} agencies, ${result.plans} plans, ${result.activities} activities, ${result.followUps} follow-ups.`,
      );
      return 0;
    },
  },
];
