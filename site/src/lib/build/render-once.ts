/**
 * React's server markup of an island, rendered once per build for each `key` and copied into every page
 * that shows it (page frontmatter only). For islands every detail page carries with the same markup (the
 * rating form, the small map): at 10,000 entries a React render per page was a tenth of the build. The
 * markup is React's own (`renderToString`), so components/visible-islands.ts hydrates it.
 */
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import IslandRoot from '~/components/island-root';

const rendered = new Map<string, string>();

export function renderOnce(key: string, element: () => ReactElement): string {
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderToString(createElement(IslandRoot, null, element()));
    rendered.set(key, html);
  }
  return html;
}
