/**
 * Entry text → safe HTML. marked turns markdown into HTML (raw HTML in the text is escaped);
 * DOMPurify then removes anything that could still run or reach out (scripts, handlers, forms,
 * remote images, javascript: links), as a second, independent line of defence. Browser only.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Raw HTML typed into an entry is shown as the text it is, not parsed: a journal has no use
 * for it, and handing it to a parser at all makes Chromium report (blocked) CSP violations.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

const purify = DOMPurify(window);
// Links open outside the app and tell the other site nothing about where they came from.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY_CONFIG = {
  // Images would fetch from wherever their URL points: a journal must not ping strangers.
  FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'textarea', 'select', 'video', 'audio'],
  FORBID_ATTR: ['style'],
};

export function renderMarkdown(text: string): string {
  return purify.sanitize(marked.parse(text) as string, PURIFY_CONFIG);
}

/** Plain text with markdown syntax mostly removed: for titles, previews and labels. */
export function plainText(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
