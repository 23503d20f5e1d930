import { compileCms } from '../../../scripts/src/lib/strapi.ts';

/** Compiles the CMS server code once for every test file (no admin panel build: tests use the APIs). */
export default async function setup(): Promise<void> {
  await compileCms();
}
