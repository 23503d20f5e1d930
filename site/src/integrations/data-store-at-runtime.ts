/**
 * `astro build` only: the prerendering server reads the content store from its file instead of having
 * it bundled.
 *
 * Astro hands the whole content store to Rollup as one JavaScript module (`astro:data-layer-content`,
 * the store file turned into a literal). At 10,000 entries that module is some 50 MB of code, and parsing
 * and tree-shaking it was about a third of the build. The store is only ever read by the build's own
 * prerendering server, on the same machine and right after, so it can stay a file: the module's code is
 * replaced, before Rollup parses it, by a `JSON.parse` of the file, which gives Astro's runtime the same
 * value (the devalue-flattened store). The plugin goes first in the server build's list, ahead of Astro's
 * own, which would otherwise load the module by parsing the file and writing it out as code (2 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's id of the store module once resolved (astro/dist/content/consts.js). */
const RESOLVED_STORE_ID = '\0astro:data-layer-content';
/** Where Astro keeps the store in a build: the cache folder (astro/dist/content/utils.js, getDataStoreFile). */
const STORE_FILE = 'data-store.json';

export function dataStoreAtRuntime(): AstroIntegration {
  let file = '';
  return {
    name: 'coesione-data-store-at-runtime',
    hooks: {
      'astro:config:setup': ({ config }) => {
        file = path.join(fileURLToPath(config.cacheDir), STORE_FILE);
      },
      // Called with the configuration of each of `astro build`'s Vite builds; only the server one reads the store.
      'astro:build:setup': ({ vite, target }) => {
        if (target !== 'server') return;
        vite.plugins = [
          {
            name: 'coesione-data-store-at-runtime',
            enforce: 'pre',
            load(id) {
              if (id !== RESOLVED_STORE_ID) return null;
              // Astro's own loader answers an empty store when the file is missing, and so would this:
              // say so instead, since every page would then be empty.
              if (!fs.existsSync(file)) throw new Error(`The content store ${file} does not exist: the content layer did not sync.`);
              return { code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`, map: null };
            },
          },
          ...(vite.plugins ?? []),
        ];
      },
    },
  };
}
