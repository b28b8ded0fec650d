import { COLORS } from '../../shared/colors.js';
import { namedColor, onColorNames } from '../settings/color-names.js';
import { NO_CHOICES, WHEN_CHOICES, type Choices, type When } from './choices.js';

/** A tag the tag menu offers, with how many highlights carry it. */
export interface OfferedTag {
  tag: string;
  highlights: number;
}

export interface FilterControls {
  readonly element: HTMLElement;
  /** The field words are typed in (the view focuses it when it opens). */
  readonly field: HTMLInputElement;
  choices(): Choices;
  /** Shows these choices (e.g. a tag chosen in the tag pane). */
  set(choices: Choices): void;
  /** The tags the tag menu offers, most used first; the chosen one stays offered. */
  offerTags(tags: readonly OfferedTag[]): void;
  /** Whether the open article can be chosen (there is one). */
  offerOpenArticle(title: string | null): void;
}

const TYPING_PAUSE_MS = 150;

function select(className: string, label: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
  const menu = document.createElement('select');
  menu.className = `all-highlights-select ${className}`;
  menu.setAttribute('aria-label', label);
  for (const [value, text] of options) menu.append(new Option(text, value));
  return menu;
}

function dateField(className: string, label: string): HTMLInputElement {
  const field = document.createElement('input');
  field.type = 'date';
  field.className = `all-highlights-date ${className}`;
  field.setAttribute('aria-label', label);
  return field;
}

/**
 * The "All highlights" filters: words (in the quote, note or tags), a tag, a
 * colour, the library or the open article, a span of days (or two dates),
 * and all, noted or orphaned highlights. `changed` hears every change
 * (typing after a short pause).
 */
export function filterControls(changed: () => void): FilterControls {
  const element = document.createElement('div');
  element.className = 'all-highlights-filters';
  const field = document.createElement('input');
  field.type = 'search';
  field.className = 'all-highlights-text';
  field.placeholder = 'Filter highlights…';
  field.setAttribute('aria-label', 'Words in the quote, the note or the tags');
  field.autocomplete = 'off';
  field.spellcheck = false;
  const tag = select('all-highlights-tag', 'Tag', [['', 'Any tag']]);
  const color = select('all-highlights-color', 'Colour', [['', 'Any colour'], ...COLORS.map((c) => [c, namedColor(c)] as const)]);
  // The reader may name the colours meanwhile (Settings): the menu says what each means.
  onColorNames(() => COLORS.forEach((c, i) => (color.options[i + 1]!.textContent = namedColor(c))));
  const scope = select('all-highlights-scope', 'Articles', [
    ['library', 'All articles'],
    ['open', 'This article'],
  ]);
  const when = select('all-highlights-when', 'When highlighted', WHEN_CHOICES);
  const from = dateField('all-highlights-from', 'Highlighted on or after');
  const to = dateField('all-highlights-to', 'Highlighted on or before');
  const show = select('all-highlights-show', 'Which highlights', [
    ['all', 'All highlights'],
    ['noted', 'With a note'],
    ['orphaned', 'Orphaned'],
  ]);
  element.append(field, tag, color, scope, when, from, to, show);

  const showDates = () => {
    from.hidden = to.hidden = when.value !== 'between';
  };
  showDates();
  let timer: ReturnType<typeof setTimeout> | undefined;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => changed(), TYPING_PAUSE_MS);
  });
  for (const control of [tag, color, scope, when, from, to, show]) {
    control.addEventListener('change', () => {
      showDates();
      changed();
    });
  }

  const choices = (): Choices => ({
    text: field.value,
    tag: tag.value,
    color: color.value as Choices['color'],
    scope: scope.value as Choices['scope'],
    when: when.value as When,
    from: from.value,
    to: to.value,
    show: show.value as Choices['show'],
  });

  const offerTag = (name: string, count?: number) => {
    if ([...tag.options].some((o) => o.value === name)) return;
    tag.append(new Option(count === undefined ? `#${name}` : `#${name} (${count})`, name));
  };

  return {
    element,
    field,
    choices,
    set(next) {
      clearTimeout(timer);
      field.value = next.text;
      if (next.tag !== '') offerTag(next.tag);
      tag.value = next.tag;
      color.value = next.color;
      scope.value = next.scope;
      when.value = next.when;
      from.value = next.from;
      to.value = next.to;
      show.value = next.show;
      showDates();
    },
    offerTags(tags) {
      const chosen = tag.value;
      tag.replaceChildren(new Option('Any tag', ''));
      for (const { tag: name, highlights } of tags) offerTag(name, highlights);
      if (chosen !== '') offerTag(chosen);
      tag.value = chosen;
    },
    offerOpenArticle(title) {
      const option = scope.options[1]!;
      option.disabled = title === null;
      option.textContent = title === null ? 'This article' : `This article: ${title.length > 40 ? `${title.slice(0, 39)}…` : title}`;
      if (title === null && scope.value === 'open') scope.value = NO_CHOICES.scope;
    },
  };
}
