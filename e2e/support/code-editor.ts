import { expect, type Locator } from '@playwright/test';

// The YAML editor is CodeMirror: its text is a document in the editor's state, not a textarea's value (and only
// the lines in view are in the DOM). The editor exposes its whole text on the editable element as `skiffText`.

/** The editor's whole text. */
export function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((el) => (el as HTMLElement & { skiffText: string }).skiffText);
}

/** Waits until the editor's text matches. */
export async function expectEditorText(editor: Locator, pattern: RegExp, timeout?: number): Promise<void> {
  await expect.poll(() => editorText(editor), { timeout }).toMatch(pattern);
}

/** Replaces the editor's text, as a paste would (no auto-indent of the pasted lines). */
export async function setEditorText(editor: Locator, text: string): Promise<void> {
  await editor.fill(text);
  await expect.poll(() => editorText(editor)).toBe(text);
}
