/** A margin card that wants to sit at `top` and is `height` tall. */
export interface CardRequest {
  id: string;
  top: number;
  height: number;
}

/**
 * Places cards as close to their passages as possible without overlapping:
 * in order of wanted position, each card goes at its wanted top or just
 * below the previous card, whichever is lower.
 */
export function stackCards(cards: readonly CardRequest[], gap: number): Map<string, number> {
  const placed = new Map<string, number>();
  let nextFree = -Infinity;
  for (const card of [...cards].sort((a, b) => a.top - b.top)) {
    const top = Math.max(card.top, nextFree);
    placed.set(card.id, top);
    nextFree = top + card.height + gap;
  }
  return placed;
}
