import sanitizeHtml from 'sanitize-html';

/**
 * Allow-list for displaying mail HTML inside the agent console: formatting, lists, tables and links stay;
 * scripts, styles, frames, forms and event handlers go. Images are kept only when they point inside the
 * message (cid:) or carry their bytes (data:): a remote image is a tracking pixel or remote content, which
 * must not load when an agent opens a ticket.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div',
    'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark',
    'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
    'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width', 'scope'],
    table: ['border', 'cellpadding', 'cellspacing', 'width', 'align'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    font: ['color', 'face', 'size'],
    '*': ['dir', 'lang'],
  },
  // Content of these is dropped, not unwrapped into text.
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object'],
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  // An image left without a source (remote one removed) or with a non-raster data: URI goes entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !isEmbeddedImage(frame.attribs['src'] ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
  },
};

/** Sanitized HTML for display, or null when nothing displayable is left. */
export function sanitizeEmailHtml(html: string): string | null {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean === '' ? null : clean;
}

function isEmbeddedImage(src: string): boolean {
  const value = src.trim().toLowerCase();
  return value.startsWith('cid:') || /^data:image\/(png|jpe?g|gif|webp|bmp);/.test(value);
}
