import { DARK, LIGHT, SPACE, TYPE, type Palette } from './tokens';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function paletteVars(p: Palette): string {
  return Object.entries(p)
    .map(([name, value]) => `--${kebab(name)}:${value};`)
    .join('');
}

/** The tokens as CSS custom properties: light by default, dark when the OS is. */
export function tokensCss(): string {
  const scales =
    SPACE.map((px, i) => `--space-${i + 1}:${px}px;`).join('') +
    Object.entries(TYPE)
      .map(([name, px]) => `--text-${name}:${px}px;`)
      .join('');
  return (
    `:root{${scales}${paletteVars(LIGHT)}}` +
    `@media (prefers-color-scheme: dark){:root{${paletteVars(DARK)}}}`
  );
}

/** Puts the tokens into the page once, after the stylesheets so that they win. */
export function installTokens(doc: Document = document): void {
  if (doc.getElementById('skiff-tokens')) return;
  const style = doc.createElement('style');
  style.id = 'skiff-tokens';
  style.textContent = tokensCss();
  doc.head.append(style);
}
