import DOMPurify, { type Config } from 'dompurify';

const OPTIONS: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base'],
  FORBID_ATTR: ['srcset', 'background', 'action', 'formaction'],
};

/** An image source that loads nothing from elsewhere: our own attachment URLs and data: images. */
const isLocalImage = (src: string): boolean => /^\/api\/v1\/tickets\/[^/]+\/attachments\/[^/]+$/.test(src) || /^data:image\//i.test(src);

/**
 * A mail's HTML part, safe to show in the console. The server already sanitized it and removed remote content;
 * this runs DOMPurify again (the browser is where a mistake would run) and keeps images only when they load
 * from Relais: `cid:` references become the attachment's download URL, any other image is replaced by its alt
 * text. Inline styles that fetch (`url(…)`) are dropped, so opening a mail never tells its sender it was read.
 */
export function safeEmailHtml(html: string, resolveCid: (contentId: string) => string | null): string {
  const fragment = DOMPurify.sanitize(html, { ...OPTIONS, RETURN_DOM_FRAGMENT: true });
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = img.getAttribute('src')?.trim() ?? '';
    const cid = /^cid:(.+)$/i.exec(src);
    const local = cid ? resolveCid(safeDecode(cid[1]!)) : isLocalImage(src) ? src : null;
    if (local) img.setAttribute('src', local);
    else img.replaceWith(document.createTextNode(img.getAttribute('alt') ?? ''));
  }
  for (const el of Array.from(fragment.querySelectorAll('[style]'))) {
    if (/url\s*\(|@import|expression\s*\(/i.test(el.getAttribute('style') ?? '')) el.removeAttribute('style');
  }
  const container = document.createElement('div');
  container.appendChild(fragment);
  // Serialized and sanitized once more: what reaches innerHTML is always DOMPurify's own output.
  return DOMPurify.sanitize(container.innerHTML, OPTIONS);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
