/**
 * The rating form's server markup without a React render per page (page frontmatter only).
 *
 * Every practice, opportunity and workshop page carries the same form but for one hidden value, the
 * entry's documentId. React renders it once per build and target type with a placeholder, and each page
 * gets a copy with its own id: at 10,000 entries a render per page was a tenth of the build. The markup
 * is React's own (`renderToString`), so `rating-island.ts` hydrates it as Astro's `client:visible` would.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import RatingForm, { type RatingFormProps } from './RatingForm';

const PLACEHOLDER = 'coesione-rating-target-document-id';
const rendered = new Map<string, string>();

const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function ratingFormHtml(props: RatingFormProps): string {
  const key = JSON.stringify([props.cmsUrl, props.targetType, props.headingLevel]);
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderToString(createElement(RatingForm, { ...props, targetDocumentId: PLACEHOLDER }));
    // The placeholder must stand for the hidden value only, or a copy would change more than the id.
    if (html.split(PLACEHOLDER).length !== 2) throw new Error(`RatingForm: the target id appears ${html.split(PLACEHOLDER).length - 1} times in its markup, expected once (the hidden input)`);
    rendered.set(key, html);
  }
  return html.replace(PLACEHOLDER, escapeAttribute(props.targetDocumentId));
}
