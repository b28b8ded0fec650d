/**
 * The conflict notice for templates that bring none: a block quote any
 * Markdown viewer shows, followed by both versions.
 */
export const DEFAULT_CONFLICT = `{{#if (eq kind "header")}}
{{inFile}}

> **Marginalia sync conflict:** the part above the highlights was changed both here and in Marginalia. Yours is kept above; Marginalia's version is below. Copy what you want, then delete this notice.
>
{{prefix (fence inApp) "> "}}
{{else if (eq kind "deleted")}}
> **Marginalia sync conflict:** the highlight below was deleted in Marginalia, but you had edited it here, so your version is kept. Delete it, and this notice, if you no longer need it.

{{inFile}}
{{else}}
> **Marginalia sync conflict:** the highlight below was changed both here and in Marginalia. Your version comes first, then Marginalia's. Keep what you want and delete the rest, with this notice.

{{inFile}}

{{inApp}}
{{/if}}`;
