/**
 * Obsidian: YAML front matter (Obsidian's Properties), each highlight as a
 * `quote` callout whose metadata is its colour (`> [!quote|yellow]`, styled by
 * the CSS snippet in docs/templates.md), its block id `^h-…` on its own line
 * after the callout (so `[[Title#^h-…]]` links to the passage), then the note
 * and the highlight's `#tags`. An orphaned highlight (its passage is gone from
 * the article's new version) is an `orphaned` callout with a title saying so.
 */
export const OBSIDIAN = `---
title: {{yaml article.title}}
{{#if article.author}}
author: {{yaml article.author}}
{{/if}}
{{#if article.siteName}}
site: {{yaml article.siteName}}
{{/if}}
{{#if article.source.url}}
url: {{yaml article.source.url}}
{{/if}}
source: {{yaml article.source.name}}
{{#if article.published}}
published: {{yaml article.published}}
{{/if}}
tags: {{yaml article.allTags}}
imported: {{yaml article.imported}}
exported: {{yaml article.exported}}
highlights: {{highlightCount}}
{{#if orphanedCount}}
orphaned: {{orphanedCount}}
{{/if}}
marginalia: {{yaml article.link}}
---
# {{inline article.title}}

{{> highlights}}

{{#*inline "highlight"}}
{{#if orphaned}}
> [!orphaned|{{color}}] Orphaned: this passage is no longer in the article
{{else}}
> [!quote|{{color}}]{{#if colorName}} {{inline colorName}}{{/if}}
{{/if}}
{{quote}}
{{#if origin}}
>
> — {{inline origin}}
{{/if}}

^{{blockId}}
{{#if note}}

{{note}}
{{/if}}
{{#if tags.length}}

{{hashtags tags}}
{{/if}}
{{/inline}}

{{#*inline "conflict"}}
{{#if (eq kind "header")}}
{{inFile}}

> [!warning] Marginalia sync conflict
> The front matter and title were changed both here and in Marginalia. Yours are kept above; Marginalia's version is below. Copy what you want, then delete this notice.
>
{{prefix (fence inApp) "> "}}
{{else if (eq kind "deleted")}}
> [!warning] Marginalia sync conflict
> This highlight was deleted in Marginalia, but you had edited it here, so your version is kept below. Delete it, and this notice, if you no longer need it.

{{inFile}}
{{else}}
> [!warning] Marginalia sync conflict
> This highlight was changed both here and in Marginalia. Your version comes first, then Marginalia's. Keep what you want and delete the rest, with this notice.

{{inFile}}

{{inApp}}
{{/if}}
{{/inline}}
`;
