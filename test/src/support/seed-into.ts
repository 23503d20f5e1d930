/**
 * Seeds the demo into a new SQLite database in a folder, in a process of its own, and exits: the seed
 * cache of startSeededCms (support/cms.ts). Usage: node --import tsx seed-into.ts <folder> <choice as JSON>.
 */
import path from 'node:path';
import { loadStrapi } from '@coesione/scripts/lib/strapi.ts';
import { seed } from '@coesione/scripts/seed/seed.ts';
import { testCmsEnv } from '@coesione/scripts/lib/cms-env.ts';

const [dir, json] = process.argv.slice(2);
if (!dir || !json) throw new Error('usage: seed-into.ts <folder> <{"users":…,"today":…}>');
const choice = JSON.parse(json) as { users?: boolean; today?: string };
Object.assign(process.env, testCmsEnv(dir, 0), { DATABASE_CLIENT: 'sqlite', DATABASE_URL: '', DATABASE_FILENAME: path.join(dir, 'cms.db') });
const strapi = await loadStrapi();
await seed(strapi, { users: choice.users, today: choice.today === undefined ? undefined : new Date(choice.today) });
await strapi.destroy();
process.exit(0);
