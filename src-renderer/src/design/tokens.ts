// The design tokens, one source: spacing and type scales, and the colours of each theme. They become CSS
// custom properties (token-css.ts); contrast.test.ts checks every text colour against its background.

/** Spacing, 4 px steps: --space-1 … --space-6. */
export const SPACE = [4, 8, 12, 16, 24, 32] as const;

/** Type sizes in px: small print, body, table, heading levels. */
export const TYPE = { xs: 11, sm: 12, md: 14, lg: 16, xl: 20, xxl: 24 } as const;

export interface Palette {
  bg: string;
  panel: string;
  ink: string;
  muted: string;
  line: string;
  accent: string;
  /** Text on an accent (primary button) background. */
  onAccent: string;
  danger: string;
  onDanger: string;
  ok: string;
  warn: string;
  info: string;
  /** Badge backgrounds, one per status tone; their text is the tone's colour. */
  okBg: string;
  warnBg: string;
  dangerBg: string;
  infoBg: string;
  neutralBg: string;
  errorBg: string;
  warningBg: string;
  field: string;
  code: string;
  tableHead: string;
}

export const LIGHT: Palette = {
  bg: '#f6f7f9',
  panel: '#ffffff',
  ink: '#1d2330',
  muted: '#5a6374',
  line: '#e2e5eb',
  accent: '#2557c7',
  onAccent: '#ffffff',
  danger: '#b4232f',
  onDanger: '#ffffff',
  ok: '#19703e',
  warn: '#8a5a00',
  info: '#2557c7',
  okBg: '#e3f4ea',
  warnBg: '#fdf1d8',
  dangerBg: '#fbe4e6',
  infoBg: '#e4ecfb',
  neutralBg: '#eceef2',
  errorBg: '#fdecee',
  warningBg: '#fff8e6',
  field: '#ffffff',
  code: '#eef1f5',
  tableHead: '#fafbfc',
};

export const DARK: Palette = {
  bg: '#10141c',
  panel: '#171d28',
  ink: '#dde3ee',
  muted: '#9aa5b9',
  line: '#2a3343',
  accent: '#8fb0f5',
  onAccent: '#0b1220',
  danger: '#f28b93',
  onDanger: '#1a0a0c',
  ok: '#5fd394',
  warn: '#f0bd5e',
  info: '#8fb0f5',
  okBg: '#15301f',
  warnBg: '#33280f',
  dangerBg: '#3a1b1f',
  infoBg: '#1a2742',
  neutralBg: '#232b39',
  errorBg: '#3a1d22',
  warningBg: '#3a301b',
  field: '#1d2431',
  code: '#222b3a',
  tableHead: '#1b2230',
};

/** Status tones a Badge can take. */
export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';
