// `npm run seed:demo`: migrates the database DATABASE_URL names (default ./data/liaison.db) and loads
// the demo data of the seed documents once.
import { loadDatabaseUrl } from '../src/config.js';
import { migrateIfPending } from '../src/db/migrate.js';
import { createDb } from '../src/db/client.js';
import { createRepos } from '../src/db/repos/index.js';
import { demoRefusedMessage, seedDemo } from '../src/demo/seed.js';
import { seedReferenceData } from '../src/reference-data.js';

const url = loadDatabaseUrl();
await migrateIfPending(url);
const handle = await createDb(url);
try {
  const repos = createRepos(handle.db, handle.provider);
  await seedReferenceData(repos);
  const result = await seedDemo(repos, new Date());
  if (result.refused) {
    console.error(demoRefusedMessage(result));
    process.exitCode = 1;
  } else
    console.log(
      result.skipped
        ? 'Demo data already loaded; nothing changed.'
        : `Loaded ${result.agencies} agencies, ${result.plans} plans, ${result.activities} activities, ${result.followUps} follow-ups.`,
    );
} finally {
  await handle.close();
}
