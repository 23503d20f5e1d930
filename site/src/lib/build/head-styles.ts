/**
 * Moves every `<style>` element of a page's body into its head. Astro writes the style its islands need
 * (`astro-island { display: contents }`) in the body, just before the first island; HTML allows `<style>`
 * in the head only, and the W3C checker flags it. Appended at the end of the head, after the linked
 * stylesheet, a moved rule keeps its place in the cascade. Scripts and inline SVG (whose `<style>` is SVG's
 * own) are passed over untouched.
 */
const BODY_STYLE = /<script\b[\s\S]*?<\/script>|<svg\b[\s\S]*?<\/svg>|<style\b[^>]*>[\s\S]*?<\/style>/gi;

export function moveStylesToHead(html: string): string {
  const headEnd = html.search(/<\/head>/i);
  const bodyStart = html.search(/<body[\s>]/i);
  if (headEnd < 0 || bodyStart < headEnd) return html;
  const moved: string[] = [];
  const body = html.slice(bodyStart).replace(BODY_STYLE, (element) => {
    if (!/^<style/i.test(element)) return element;
    moved.push(element);
    return '';
  });
  if (moved.length === 0) return html;
  return `${html.slice(0, headEnd)}${moved.join('')}${html.slice(headEnd, bodyStart)}${body}`;
}
