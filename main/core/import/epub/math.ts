import { isElement, isText, type DomElement, type DomNode } from '../html/dom.js';
import { nameOf } from './xml.js';

/**
 * MathML is kept as safe text, never as markup: the formula's `alttext`
 * when the book gives a real one, else its TeX annotation, else its
 * content written out on one line (`x_i^2`, `(a)/(b)`, `√(x)`, a matrix as
 * `[a, b; c, d]`). The article shows it as inline code, so it reads as a
 * formula and is searchable and highlightable like any other text.
 */
export function mathText(math: DomElement): string {
  const alt = (math.getAttribute('alttext') ?? '').replace(/\s+/g, ' ').trim();
  // Some converters fill every alttext with a placeholder instead of leaving it out.
  if (alt !== '' && !/\bnot available\b|^alternative text$/i.test(alt)) return alt;
  // A TeX annotation sits in <semantics>, the formula's only child: looked up there, not searched for.
  for (const semantics of children(math)) {
    if (nameOf(semantics) !== 'semantics') continue;
    for (const annotation of children(semantics)) {
      const text = (annotation.textContent ?? '').trim();
      if (nameOf(annotation) === 'annotation' && /tex/i.test(annotation.getAttribute('encoding') ?? '') && text !== '') return text;
    }
  }
  return linear(math)
    .replace(/\s+/g, ' ')
    .replace(/([([]) /g, '$1')
    .replace(/ ([)\],;])/g, '$1')
    .trim();
}

/** A MathML element written out on one line, walked with its own stack (formulas can nest deeply). */
function linear(root: DomElement): string {
  type Step = DomNode | string;
  let out = '';
  const steps: Step[] = [root];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if (typeof step === 'string') {
      out += step;
      continue;
    }
    if (isText(step)) {
      out += step.data.trim();
      continue;
    }
    if (!isElement(step)) continue;
    const name = nameOf(step);
    if (name === 'annotation' || name === 'annotation-xml') continue;
    const kids = children(step);
    const parts = layout(name, kids, step);
    for (let i = parts.length - 1; i >= 0; i--) steps.push(parts[i]!);
  }
  return out;
}

/** What an element is written as: its children with the operators between them that its layout means. */
function layout(name: string, kids: DomElement[], element: DomElement): Step[] {
  const group = (k: DomElement | undefined): Step[] => (k ? (isAtom(k) ? [k] : ['(', k, ')']) : []);
  switch (name) {
    case 'msub':
      return [...group(kids[0]), '_', ...group(kids[1])];
    case 'msup':
      return [...group(kids[0]), '^', ...group(kids[1])];
    case 'msubsup':
      return [...group(kids[0]), '_', ...group(kids[1]), '^', ...group(kids[2])];
    case 'munder':
      return [...group(kids[0]), '_', ...group(kids[1])];
    case 'mover':
      return [...group(kids[0]), '^', ...group(kids[1])];
    case 'munderover':
      return [...group(kids[0]), '_', ...group(kids[1]), '^', ...group(kids[2])];
    case 'mfrac':
      return [...group(kids[0]), '/', ...group(kids[1])];
    case 'msqrt':
      return ['√(', ...kids, ')'];
    case 'mroot':
      return ['root(', ...group(kids[1]), ', ', ...group(kids[0]), ')'];
    case 'mfenced': {
      const open = element.getAttribute('open') ?? '(';
      const close = element.getAttribute('close') ?? ')';
      return [open, ...between(kids, element.getAttribute('separators')?.trim()[0] ?? ','), close];
    }
    case 'mtable':
      return ['[', ...between(kids, '; '), ']'];
    case 'mtr':
    case 'mlabeledtr':
      return between(kids, ', ');
    case 'mo':
      return [' ', ...childNodes(element), ' '];
    default:
      return childNodes(element);
  }
}

type Step = DomNode | string;

function between(kids: DomElement[], separator: string): Step[] {
  return kids.flatMap((k, i) => (i === 0 ? [k] : [separator, k]));
}

/** A single token needs no brackets around it as a sub- or superscript. */
function isAtom(element: DomElement): boolean {
  const name = nameOf(element);
  if (name === 'mi' || name === 'mn' || name === 'mo' || name === 'mtext') return true;
  const kids = children(element);
  return name === 'mrow' && kids.length === 1 && isAtom(kids[0]!);
}

function children(element: DomElement): DomElement[] {
  const out: DomElement[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) if (isElement(child)) out.push(child);
  return out;
}

function childNodes(element: DomElement): DomNode[] {
  const out: DomNode[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}
