import { isCalendarDate } from '../../../shared/calendar-date';

/**
 * An article dropped or chosen as a file: plain text as it is, HTML reduced to the article's text
 * in the browser. DOMParser builds an inert document (no script runs, nothing loads, no handler
 * fires); only text nodes are read out of it, so no markup reaches the analysis or the screen.
 */

export const ARTICLE_FILE_ACCEPT = '.txt,.html,.htm,text/plain,text/html';

/** A saved web page is mostly markup: this is far above any article, and far below a browser's limits. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ArticleFromFile {
  text: string;
  fromHtml: boolean;
  /** What the page's own markup says, to fill the optional fields; null when it says nothing. */
  title: string | null;
  publisher: string | null;
  publishedOn: string | null;
}

export class ArticleFileError extends Error {
  constructor(readonly key: 'intake.fileType' | 'intake.fileTooLarge' | 'intake.fileUnreadable' | 'intake.fileEmpty') {
    super(key);
  }
}

function kindOf(file: File): 'text' | 'html' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.html') || name.endsWith('.htm') || file.type === 'text/html') return 'html';
  if (name.endsWith('.txt') || file.type === 'text/plain') return 'text';
  return null;
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1251 (what Russian sites and Word still save in). */
function decode(bytes: ArrayBuffer, declared: string | null): string {
  if (declared && /^(windows-1251|cp1251|koi8-r)$/i.test(declared)) return new TextDecoder(declared).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

function declaredCharset(bytes: ArrayBuffer): string | null {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 2048));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}

export async function readArticleFile(file: File): Promise<ArticleFromFile> {
  const kind = kindOf(file);
  if (!kind) throw new ArticleFileError('intake.fileType');
  if (file.size > MAX_FILE_BYTES) throw new ArticleFileError('intake.fileTooLarge');
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    throw new ArticleFileError('intake.fileUnreadable');
  }
  const article =
    kind === 'html'
      ? articleFromHtml(decode(bytes, declaredCharset(bytes)))
      : { text: tidyText(decode(bytes, null)), fromHtml: false, title: null, publisher: null, publishedOn: null };
  if (!article.text.trim()) throw new ArticleFileError('intake.fileEmpty');
  return article;
}

/** Parts of a page that are never the article: code, menus, forms, embedded things. */
const NEVER_ARTICLE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
].join(',');

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);

/** Text of an element with its paragraphs kept: a block starts a paragraph, <br> a line. */
function textOf(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (!(node instanceof Element)) return;
    if (node.tagName === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block) parts.push('\n\n');
    for (const child of node.childNodes) walk(child);
    if (block) parts.push('\n\n');
    if (node.tagName === 'TD' || node.tagName === 'TH') parts.push(' ');
  };
  walk(root);
  return tidyText(parts.join(''));
}

/** Lines trimmed, runs of spaces folded, at most one blank line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function meta(doc: Document, ...names: string[]): string | null {
  for (const name of names) {
    const value = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

function dayOf(value: string | null | undefined): string | null {
  const day = value?.trim().slice(0, 10) ?? '';
  return isCalendarDate(day) ? day : null;
}

/**
 * Inline event handlers renamed before parsing. They would never run in DOMParser's document,
 * but Chromium checks them against the page's Content Security Policy as it parses and reports
 * each as a violation; renamed, the page's console stays clean and no handler reaches a parser.
 */
function withoutHandlers(html: string): string {
  return html.replace(/<[^>]*>/g, (tag) => tag.replace(/(\s|\/)on([a-z]+)(\s*=)/gi, '$1data-removed-on$2$3'));
}

/**
 * The article of a web page as text: the <article> (or <main>) when the page marks one, else
 * the body, without scripts, styles, menus and forms. The headline is put first when the article
 * element does not hold it, since the analyser reads the headline from the first line.
 */
export function articleFromHtml(html: string): ArticleFromFile {
  const doc = new DOMParser().parseFromString(withoutHandlers(html), 'text/html');
  for (const el of doc.querySelectorAll(NEVER_ARTICLE)) el.remove();
  const root =
    doc.querySelector('article') ?? doc.querySelector('main') ?? doc.querySelector('[role="main"]') ?? doc.body;
  const heading = root?.querySelector('h1') ?? doc.querySelector('h1');
  const headline = heading?.textContent?.replace(/\s+/g, ' ').trim() || null;
  const title = headline ?? meta(doc, 'og:title') ?? (doc.title.trim() || null);
  let text = root ? textOf(root) : '';
  if (headline && !text.includes(headline)) text = `${headline}\n\n${text}`;
  const time = root?.querySelector('time[datetime]')?.getAttribute('datetime');
  return {
    text,
    fromHtml: true,
    title,
    publisher: meta(doc, 'og:site_name', 'publisher'),
    publishedOn: dayOf(meta(doc, 'article:published_time', 'date', 'pubdate')) ?? dayOf(time),
  };
}
