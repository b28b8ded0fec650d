/** What every command that changes one highlight says of how it finds it. */
const FINDING_THE_ARTICLE = `The highlight is found among the library's highlights (highlights ARTICLE_ID lists an article's ids);
--article names its article, which skips the search. Prints the highlight id once the change is saved
(exit code 0); a highlight id the library does not have is an error (exit code 1).`;

/** Help texts of the CLI, one per command (and `main`). */
const TEXTS = {
  main: `Usage: marginalia [--data-dir DIR] <command> [options]

Commands:
  import FILE | URL                import a text, web page (.html), Markdown or EPUB file, or the page at a web
                                   address (fetched then, with no cookies); prints the article id
  list [--json]                    list the articles in the library
  highlight ID --quote TEXT        highlight the first occurrence of TEXT; prints the highlight id
        [--color C] [--note TEXT] [--tag T]...
  highlights ID [--json]           list an article's highlights in document order, orphaned ones last
  note HIGHLIGHT_ID TEXT           set a highlight's note ("" clears it)
  color HIGHLIGHT_ID COLOR         change a highlight's colour
  set-tags HIGHLIGHT_ID --tag T... | --none
                                   replace a highlight's tags
  unhighlight HIGHLIGHT_ID         delete a highlight
  export ID [--out FILE]           export an article's highlights as Markdown (stdout by default)
  export ID... | --tag T | --all [--out DIR]
                                   export into a folder kept in sync: one file per article, your edits kept
        [--preset plain|obsidian|logseq] [--template FILE]
  annotations ID [--out FILE]      an article's highlights as W3C Web Annotation JSON-LD
  anchor --text FILE --annotations FILE
                                   anchor W3C or Hypothesis annotations in a text file; one JSON line each
  search QUERY [--json] [--limit N]
                                   search titles, authors, texts, quotes, notes and tags
  text ID [--body]                 an article's text as the reader shows it, one block a line (--body: no title)
  tags [--json]                    every tag with how many highlights and articles carry it
  tag rename OLD NEW               rename a tag (and OLD/… under it) everywhere; onto a tag in use, merge
  tag remove TAG                   remove a tag (and TAG/… under it) from every highlight

Options:
  --data-dir DIR   the library folder (or MARGINALIA_DATA_DIR); default: the app's own
  --help           help for any command`,
  import: `Usage: marginalia import FILE
       marginalia import URL

Imports a plain-text (.txt), web page (.html, .htm, .xhtml), Markdown (.md) or EPUB (.epub) file and prints the article id.
A file from the same source as an article already in the library (same path, page address, or title and author)
becomes a new version of that article: its highlights move to the new text, or are kept as orphaned.

With an http:// or https:// address, the page is fetched now (with no cookies or credentials; redirects followed up
to 5 times and listed on stderr; 20 s and 50 MB at most; HTML, XHTML, text, Markdown or EPUB only) and imported the
same way; the address is its source, so importing it again later makes a new version. If it cannot be fetched,
nothing is written and the exit code is 1.`,
  list: `Usage: marginalia list [--json]\n\nLists the articles: id, highlight count, title.`,
  highlight: `Usage: marginalia highlight ARTICLE_ID --quote TEXT [--color yellow|green|blue|pink|purple] [--note TEXT] [--tag T]...\n\nHighlights the first occurrence of TEXT in the article and prints the highlight id.`,
  highlights: `Usage: marginalia highlights ARTICLE_ID [--json]

Lists the article's highlights: those placed in the text in document order, then the orphaned ones
(a new version of the article no longer has their passage), oldest first. One line each, tab-separated:
id, colour, placed|orphaned, quote, note, #tags. With --json, each highlight as stored, with "orphaned"
true or false; an orphaned one's target has its quote only (its old position no longer exists).`,
  note: `Usage: marginalia note HIGHLIGHT_ID TEXT [--article ARTICLE_ID]

Sets the highlight's note (Markdown, as in the app) to TEXT; an empty TEXT ("") clears it.
${FINDING_THE_ARTICLE}`,
  color: `Usage: marginalia color HIGHLIGHT_ID yellow|green|blue|pink|purple [--article ARTICLE_ID]

Changes the highlight's colour.
${FINDING_THE_ARTICLE}`,
  'set-tags': `Usage: marginalia set-tags HIGHLIGHT_ID --tag T [--tag T]... [--article ARTICLE_ID]
       marginalia set-tags HIGHLIGHT_ID --none [--article ARTICLE_ID]

Replaces the highlight's tags with the tags given (a leading # is dropped); --none removes them all.
To rename or remove a tag on every highlight, see tag --help.
${FINDING_THE_ARTICLE}`,
  unhighlight: `Usage: marginalia unhighlight HIGHLIGHT_ID [--article ARTICLE_ID]

Deletes the highlight, with its note and tags.
${FINDING_THE_ARTICLE}`,
  search: `Usage: marginalia search QUERY [--json] [--limit N]

Searches the library: article titles, authors, sites and full texts, highlight quotes, notes and tags.
Words match their beginnings and small typos, accents and case aside (Benoîte = benoite); every word must be found.
  "a phrase"        the words together, in this order
  tag:NAME          highlights tagged NAME or NAME/… (and articles tagged so)
  color:C           highlights of colour C (yellow, green, blue, pink, purple)
  author:NAME       articles by NAME, and their highlights
  has:note          highlights with a note
A query of filters only lists what they select. Articles first, then highlights, best first (--limit of each,
default 20), one line each, tab-separated: article ID TITLE SNIPPET, or highlight ARTICLE_ID ID QUOTE NOTE #TAGS.
With --json, the answer as the app gets it, with the matched words' positions.`,
  text: `Usage: marginalia text ARTICLE_ID [--body]\n\nPrints the article's text as the reader shows it: the title, then each paragraph, heading, list item\nor table cell on a line of its own (a line break inside a paragraph starts a new line too).\nWith --body, without the title.`,
  tags: `Usage: marginalia tags [--json]\n\nLists every tag on a highlight, most used first, one line each, tab-separated: #tag, highlights, articles.\nWith --json, an array of {"tag", "highlights", "articles"}.`,
  tag: `Usage: marginalia tag rename OLD NEW
       marginalia tag remove TAG

rename: renames the tag on every highlight. Nested tags go with it (OLD/child becomes NEW/child).
If NEW is already in use, the two tags become one (a highlight carrying both keeps NEW once).
remove: removes the tag, and the tags nested under it, from every highlight (the app can undo it).`,
  annotations: `Usage: marginalia annotations ARTICLE_ID [--out FILE]\n\nWrites the article's highlights as a W3C Web Annotation AnnotationCollection (JSON-LD).`,
  anchor: `Usage: marginalia anchor --text FILE --annotations FILE\n\nAnchors each annotation (W3C JSON-LD or Hypothesis API JSON) in the text file (UTF-8; a BOM is removed and CRLF read as LF)\nand prints one JSON object per line: {"id", "status": "anchored"|"orphaned", "start", "end", "method"},\nwith offsets in Unicode code points.`,
  export: `Usage: marginalia export ARTICLE_ID [--out FILE] [--preset P | --template FILE]
       marginalia export ARTICLE_ID... | --tag TAG | --all [--out DIR] [--preset P | --template FILE]

Writes highlights and notes as Markdown.

One article goes to stdout, or to FILE with --out. With several article ids,
--tag or --all, or when --out is an existing folder (or ends with /), each
article goes to its own file in the folder (default ./marginalia-export),
named after its title.

Exporting into the same folder again updates the files in place: what you
wrote in them outside the highlight blocks stays where it is; highlights added,
changed or deleted in Marginalia are added, changed or removed; a highlight you
deleted from a file stays deleted unless it changes in Marginalia. When a
highlight changed both in the file and in Marginalia, both versions are kept
under a "Marginalia sync conflict" notice. A file Marginalia did not write is
never overwritten: the article gets "Title (2).md" instead. Marginalia
remembers what it last wrote in its data folder (exports/sync).

Options:
  --out FILE|DIR    where to write (see above)
  --preset P        the layout: obsidian (default; YAML front matter, callouts,
                    ^block-ids, #tags), logseq (page properties, outline blocks,
                    id:: UUIDs) or plain (plain Markdown)
  --template FILE   your own Handlebars layout (see docs/templates.md)
  --tag TAG         articles tagged TAG (all their highlights), and the
                    highlights tagged TAG in other articles
  --all             every article in the library`,
};

/** A Map: the command name is what the user typed. */
export const USAGE: ReadonlyMap<string, string> = new Map(Object.entries(TEXTS));
