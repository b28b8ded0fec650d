/**
 * Logseq: page properties (`title::`, `tags::`, …) on the first lines, then
 * one top-level block per highlight. Logseq needs block ids to be UUIDs, so
 * `id::` is a UUID derived from the highlight id (the same every export);
 * `background-color::` is the highlight's colour (Logseq colours the block);
 * the quote is the block's body and the note, as the Markdown it was written
 * in, is one child block (its lines after the first indented under it).
 * An orphaned highlight (its passage is gone from the article's new version)
 * has the property `orphaned:: true`.
 */
export const LOGSEQ = `title:: {{property article.title}}
{{#if article.author}}
author:: {{property article.author}}
{{/if}}
{{#if article.source.url}}
url:: {{property article.source.url}}
{{/if}}
source:: {{property article.source.name}}
{{#if article.published}}
published:: {{property article.published}}
{{/if}}
{{#if article.allTags.length}}
tags:: {{join article.allTags ", "}}
{{/if}}
exported:: {{date article.exported}}
marginalia:: {{article.link}}

{{> highlights}}

{{#*inline "highlight"}}
-
  id:: {{uuid}}
  background-color:: {{color}}
{{#if colorName}}
  label:: {{property colorName}}
{{/if}}
{{#if orphaned}}
  orphaned:: true
{{/if}}
{{#if origin}}
  origin:: {{property origin}}
{{/if}}
{{#if tags.length}}
  tags:: {{join tags ", "}}
{{/if}}
  {{indent quote 2}}
{{#if note}}
{{outline note "\t"}}
{{/if}}
{{/inline}}

{{#*inline "conflict"}}
{{#if (eq kind "header")}}
{{inFile}}

- ⚠️ **Marginalia sync conflict:** the page properties were changed both here and in Marginalia. Yours are kept above; Marginalia's version is below. Copy what you want, then delete this block.
  {{indent (fence inApp) 2}}
{{else if (eq kind "deleted")}}
- ⚠️ **Marginalia sync conflict:** the highlight below was deleted in Marginalia, but you had edited it here, so your version is kept. Delete it, and this block, if you no longer need it.

{{inFile}}
{{else}}
- ⚠️ **Marginalia sync conflict:** the highlight below was changed both here and in Marginalia. Your version comes first, then Marginalia's. Keep what you want and delete the rest, with this block.

{{inFile}}

{{inApp}}
{{/if}}
{{/inline}}
`;
