/**
 * PurgeCSS at build (a PostCSS plugin, so Vite hashes what is left): only the rules whose classes and ids
 * appear in the site's own sources reach the stylesheet. The sources, not the built pages, decide, so
 * the result follows the code and never the content: CMS text cannot carry classes (the block renderer
 * writes plain elements), and every element selector is kept whatever the content holds.
 */
import purgeCss from '@fullhuman/postcss-purgecss';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../', import.meta.url));

/** Elements CMS content may produce (blocks, tables, media) or the islands render. */
const ELEMENTS = [
  'html', 'body', 'main', 'header', 'footer', 'nav', 'section', 'article', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'a',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'code', 'pre', 'kbd', 'blockquote', 'mark', 'small', 'sub', 'sup',
  'abbr', 'hr', 'br', 'img', 'picture', 'figure', 'figcaption', 'svg', 'video', 'audio', 'iframe', 'table', 'caption', 'thead', 'tbody',
  'tfoot', 'tr', 'th', 'td', 'form', 'fieldset', 'legend', 'label', 'input', 'select', 'option', 'textarea', 'button', 'output',
  'progress', 'details', 'summary', 'address', 'time',
];

export function purgeUnusedCss() {
  return purgeCss({
    content: [`${src}**/*.astro`, `${src}**/*.tsx`, `${src}**/*.ts`],
    // Class names Tailwind-style extractors would cut (`:`, `/`) do not occur; this keeps `--` modifiers.
    defaultExtractor: (content: string) => content.match(/[\w-]+/g) ?? [],
    safelist: {
      standard: [
        ...ELEMENTS,
        // Built from a value at run time (`map-pin--${type}`, `is-open`): markers and opportunity states.
        /^map-pin--/,
        /^is-/,
      ],
      // Added by Leaflet and Leaflet.markercluster's JavaScript, never in our sources; and the scope
      // attribute Astro gives a component's own <style> rules (`.x[data-astro-cid-…]`), named only at build.
      greedy: [/leaflet/, /marker-cluster/, /data-astro-cid-/],
    },
    // Keeps @font-face and CSS variables (Bootstrap Italia reads many through var()).
    fontFace: false,
    variables: false,
    keyframes: false,
  });
}
