/**
 * The catalogue of «Il mio profilo di opportunità» (/per-te/catalogo.json): every published entry a citizen
 * may be shown, the comuni and the themes, reduced by @coesione/model's profileCatalogue, the function the
 * CMS calls on its own content for the page without JavaScript. The page's script matches the answers
 * against it in the browser.
 */
import { getCollection } from 'astro:content';
import { openOn, PROFILE_TYPES, profileCatalogue, TYPES, type ProfileCatalogue, type ProfileSource, type ProfileType } from '@coesione/model';
import { buildNow } from '../present/format';
import { allComuni } from './comuni';
import { entriesOf } from './content';

export async function profileCatalogueFile(): Promise<ProfileCatalogue> {
  // Typed as the model's source: a field the site's schemas dropped or renamed fails the type check here.
  const sources = async (type: ProfileType): Promise<[ProfileType, ProfileSource[]]> => [type, (await entriesOf(type)).map((e): ProfileSource => e.data)];
  const entries = Object.fromEntries(await Promise.all(PROFILE_TYPES.map(sources)));
  const themes = ((await getCollection(TYPES.theme.collection)) as unknown as { data: { slug: string; name: string } }[]).map((t) => t.data);
  const catalogue = profileCatalogue({ comuni: await allComuni(), themes, entries });
  // What has closed by the build has closed for every reader after it: the file carries only what may still be open.
  return { ...catalogue, entries: catalogue.entries.filter((e) => openOn(e.deadline, buildNow())) };
}
