import type { Token } from 'markdown-it';
import { listOrder, type ArticleBuilder, type Frame, type MarkJSON } from '../article-builder.js';
import { pictureDescription } from '../images.js';
import { safeLinkHref } from '../links.js';
import { parseFragment } from '../html/parse.js';
import { mapHtmlToBlocks, type MappingContext } from '../html/to-blocks.js';

/**
 * Maps markdown-it's token stream to article blocks. The stream is flat
 * (open, content, close), so the walk needs no recursion. Raw HTML blocks go
 * through the same allow-list as web pages; raw inline HTML tags are dropped
 * (their text stays), except `<br>`. Links and pictures follow the web-page
 * rules: unsafe link addresses are dropped, only local pictures are kept.
 * `skip` holds tokens already used elsewhere (the heading taken as title).
 */
export function mapMarkdownToBlocks(tokens: Token[], builder: ArticleBuilder, context: MappingContext, skip: ReadonlySet<Token>): void {
  const frames: (Frame | null)[] = [];
  const open = (frame: Frame | null) => frames.push(frame);
  for (const token of tokens) {
    if (skip.has(token)) continue;
    switch (token.type) {
      case 'paragraph_open':
        open(builder.open('paragraph'));
        break;
      case 'heading_open':
        open(builder.open('heading', { level: Math.max(2, Number(token.tag.slice(1))) }));
        break;
      case 'blockquote_open':
        open(builder.open('blockquote'));
        break;
      case 'bullet_list_open':
        open(builder.open('bullet_list'));
        break;
      case 'ordered_list_open':
        open(builder.open('ordered_list', { order: listOrder(token.attrGet('start')) }));
        break;
      case 'list_item_open':
        open(builder.open('list_item'));
        break;
      case 'table_open':
        open(builder.open('table'));
        break;
      case 'tr_open':
        open(builder.open('table_row'));
        break;
      case 'th_open':
      case 'td_open':
        open(builder.open('table_cell', { header: token.type === 'th_open', colspan: 1, rowspan: 1 }));
        break;
      case 'code_block':
      case 'fence': {
        const frame = builder.open('code_block');
        builder.text(token.content.replace(/\n$/, ''), []);
        builder.close(frame);
        break;
      }
      case 'hr':
        builder.leaf({ type: 'horizontal_rule' });
        break;
      case 'html_block':
        mapHtmlToBlocks(parseFragment(token.content), builder, context);
        break;
      case 'inline':
        mapInline(token.children ?? [], builder, context);
        break;
      default:
        if (token.nesting === 1) open(null); // thead, tbody: no node of their own
        else if (token.nesting === -1) builder.close(frames.pop() ?? null);
    }
  }
}

function mapInline(tokens: Token[], builder: ArticleBuilder, context: MappingContext): void {
  const marks: MarkJSON[] = [];
  /** For each open link: whether it pushed a mark, and whether its text is to be left out. */
  const links: { marked: boolean; hidden: boolean }[] = [];
  let hidden = 0;
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'text_special':
        if (hidden === 0) builder.text(token.content, marks);
        break;
      case 'softbreak':
        builder.text('\n', marks); // collapses to a space, as in a browser
        break;
      case 'hardbreak':
        builder.hardBreak();
        break;
      case 'code_inline':
        if (hidden === 0) builder.text(token.content, [...marks, { type: 'code' }]);
        break;
      case 'em_open':
        marks.push({ type: 'em' });
        break;
      case 'strong_open':
        marks.push({ type: 'strong' });
        break;
      case 'em_close':
      case 'strong_close':
        marks.pop();
        break;
      case 'link_open': {
        const href = safeLinkHref(String(token.attrGet('href') ?? ''), context.pageUrl);
        // An autolink's text is its address: when the address goes, so does the text.
        const link = { marked: href !== null, hidden: href === null && token.markup === 'autolink' };
        if (link.marked) marks.push({ type: 'link', attrs: { href, title: token.attrGet('title') || null } });
        if (link.hidden) hidden++;
        links.push(link);
        break;
      }
      case 'link_close': {
        const link = links.pop();
        if (link?.marked) marks.pop();
        if (link?.hidden) hidden--;
        break;
      }
      case 'image': {
        const alt = pictureDescription(token.content);
        const src = context.images.source(String(token.attrGet('src') ?? ''));
        if (src) builder.leaf({ type: 'image', attrs: { src, alt } });
        else if (alt && hidden === 0) builder.text(` ${alt} `, marks);
        break;
      }
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(token.content)) builder.hardBreak();
        break;
    }
  }
}
