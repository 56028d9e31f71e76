/** XML text for the local AWS server's answers: escaped text and one-element helpers. */

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>content</name>`, or "" when the content is undefined (the element is left out). */
export function el(name: string, content: string | number | boolean | undefined): string {
  if (content === undefined) return '';
  return `<${name}>${typeof content === 'string' ? xmlEscape(content) : String(content)}</${name}>`;
}
