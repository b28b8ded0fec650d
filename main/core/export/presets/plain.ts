/**
 * Plain Markdown, for any viewer: the title, a short list of what the
 * article is, then each highlight as a block quote followed by its note and
 * tags. The highlight id sits in an HTML comment (invisible when rendered)
 * so that a later export can find the block again. An orphaned highlight (its
 * passage is gone from the article's new version) says so before its quote.
 */
export const PLAIN = `# {{inline article.title}}

{{#if article.author}}
- Author: {{inline article.author}}
{{/if}}
{{#if article.source.url}}
- Source: {{mdlink (or article.siteName article.source.name) article.source.url}}
{{else}}
- Source: {{inline article.source.name}}
{{/if}}
{{#if article.published}}
- Published: {{inline article.published}}
{{/if}}
{{#if article.allTags.length}}
- Tags: {{inline (join article.allTags ", ")}}
{{/if}}
- Exported from Marginalia: {{date article.exported}}

{{> highlights}}

{{#*inline "highlight"}}
<!-- {{id}} -->
{{#if orphaned}}
*Orphaned: this passage is no longer in the article.*
{{/if}}
{{quote}}
{{#if origin}}
>
> — {{inline origin}}
{{/if}}
{{#if note}}

{{note}}
{{/if}}
{{#if tags.length}}

Tags: {{inline (join tags ", ")}}
{{/if}}
{{#if colorName}}

Colour: {{inline colorName}}
{{/if}}
{{/inline}}
`;
