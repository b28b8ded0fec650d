/** The five highlight colours a reader can choose from, in toolbar order. */
export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
/** A highlight colour. */
export type Color = (typeof COLORS)[number];
