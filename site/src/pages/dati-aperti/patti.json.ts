/**
 * `/dati-aperti/patti.json`: the register of collaboration pacts, the same rows as patti.csv with lists
 * as arrays. The proposer appears only as the pact's public name (a group, an organisation, or a person
 * who consented): never a contact.
 */
import type { APIRoute } from 'astro';
import { entriesOf } from '~/lib/read/content';
import { registerRows } from '~/lib/present/pact-register';

export const GET: APIRoute = async ({ site }) => {
  const body = {
    nota: 'Registro dei patti di collaborazione del distretto (contenuti dimostrativi). Date nel formato AAAA-MM-GG, ora di Roma. Licenza CC BY 4.0.',
    licenza: 'https://creativecommons.org/licenses/by/4.0/',
    patti: registerRows((await entriesOf('pact')).map((e) => e.data), site ?? 'http://localhost'),
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
