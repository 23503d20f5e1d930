/**
 * The rating form's server markup (page frontmatter only): every practice, opportunity and workshop page
 * carries the same form but for one hidden value, the entry's documentId. React renders it once per build
 * and target type with a placeholder (lib/build/render-once.ts), and each page gets a copy with its own id.
 */
import { createElement } from 'react';
import { renderOnce } from '~/lib/build/render-once';
import RatingForm, { type RatingFormProps } from './RatingForm';

const PLACEHOLDER = 'coesione-rating-target-document-id';

const escapeAttribute = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function ratingFormHtml(props: RatingFormProps): string {
  const html = renderOnce(JSON.stringify(['rating-form', props.cmsUrl, props.targetType, props.headingLevel]), () => createElement(RatingForm, { ...props, targetDocumentId: PLACEHOLDER }));
  // The placeholder must stand for the hidden value only, or a copy would change more than the id.
  const count = html.split(PLACEHOLDER).length - 1;
  if (count !== 1) throw new Error(`RatingForm: the target id appears ${count} times in its markup, expected once (the hidden input)`);
  return html.replace(PLACEHOLDER, escapeAttribute(props.targetDocumentId));
}
