import type { CardCount } from './stack.js';

/** The height of a "+N more notes" count, in pixels: set here and given to the stylesheet, so layout and drawing agree. */
export const COUNT_HEIGHT = 26;

/** A margin's "+N more notes" counts: one button per crowded paragraph, kept from one layout to the next. */
export interface MarginCounts {
  /** Shows these counts (and removes the others). */
  show(counts: readonly CardCount[]): void;
  dispose(): void;
}

/**
 * The counts of crowded paragraphs. A click (or Enter, or Space: it is a
 * button) on one opens its paragraph's cards, or folds them again.
 */
export function marginCounts(margin: HTMLElement, toggle: (paragraph: number) => void): MarginCounts {
  const buttons = new Map<number, HTMLButtonElement>();
  margin.style.setProperty('--note-count-height', `${COUNT_HEIGHT}px`);
  const buttonFor = (paragraph: number): HTMLButtonElement => {
    let button = buttons.get(paragraph);
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'note-count';
      button.addEventListener('click', () => toggle(paragraph));
      margin.append(button);
      buttons.set(paragraph, button);
    }
    return button;
  };
  return {
    show(counts) {
      const kept = new Set<number>();
      for (const count of counts) {
        kept.add(count.paragraph);
        const button = buttonFor(count.paragraph);
        const n = count.hidden.length;
        button.textContent = count.expanded ? 'Fewer notes' : `+${n} more ${n === 1 ? 'note' : 'notes'}`;
        button.setAttribute('aria-expanded', String(count.expanded));
        button.setAttribute('aria-label', count.expanded ? `Fold ${n} notes of this paragraph again` : `Show ${n} more notes of this paragraph`);
        button.style.top = `${Math.round(count.top)}px`;
      }
      for (const [paragraph, button] of buttons) {
        if (kept.has(paragraph)) continue;
        button.remove();
        buttons.delete(paragraph);
      }
    },
    dispose() {
      for (const button of buttons.values()) button.remove();
      buttons.clear();
    },
  };
}
