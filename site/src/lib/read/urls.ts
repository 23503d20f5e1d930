/** Every page the site builds, for the sitemap. */
import { getCollection } from 'astro:content';
import { CERTIFICATE_ROUTES, PROFILE_ROUTES } from '@coesione/model';
import { allComuni } from './comuni';
import { entriesOf } from './content';
import { urlOf } from '../present/cards';
import { listPages } from './listing';
import { needPaths } from './need-data';
import { DATASETS } from '../present/open-data';
import { pactPaths } from './pact-pages';
import { SECTIONS, SECTION_TYPES } from '../present/sections';

export async function allPaths(): Promise<string[]> {
  const paths = ['/', '/cerca/', '/comuni/', '/temi/', '/accessibilita/', '/privacy/', '/note-legali/', '/mappa/', '/dati-aperti/'];
  paths.push('/partecipa/', '/partecipa/proponi/', '/partecipa/segnala/', '/partecipa/patto/', '/partecipa/stato/');
  // The form only: a certificate's own page is the CMS's, drawn when opened, never a page of the build.
  paths.push(CERTIFICATE_ROUTES.page);
  paths.push(PROFILE_ROUTES.page);
  for (const type of SECTION_TYPES) paths.push(SECTIONS[type].section);
  for (const page of await listPages('rest')) paths.push(`${SECTIONS[page.props.type].section}pagina/${page.props.page}/`);
  for (const type of SECTION_TYPES) for (const entry of await entriesOf(type)) paths.push(urlOf(type, entry.data.slug));
  for (const c of await allComuni()) paths.push(`/comuni/${c.slug}/`);
  for (const t of await getCollection('themes')) paths.push(`/temi/${t.data.slug}/`);
  paths.push(...(await needPaths()));
  paths.push(...(await pactPaths()));
  for (const dataset of DATASETS) paths.push(`/dati-aperti/${dataset.slug}/`);
  return paths;
}
