import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';
import { filteredView } from './log-filter';

describe('filteredView', () => {
  const buffer = new LogBuffer(100);
  buffer.append('2026-12-03T10:00:01Z GET /a\n2026-12-03T10:00:03Z error: boom\n', 'web-1');
  buffer.append('2026-12-03T10:00:02Z GET /b\n2026-12-03T10:00:04Z Error again\n', 'web-2');
  buffer.appendMarker('── revision 2 ──');
  const texts = (v: ReturnType<typeof filteredView>) =>
    v.slice(0, v.length).map((l) => `${l.source}:${l.text}`);

  it("shows one pod's lines", () => {
    expect(texts(filteredView(buffer, { pod: 'web-2', needle: '' }))).toEqual([
      'web-2:GET /b',
      'web-2:Error again',
    ]);
  });
  it('shows only the lines that match, ignoring case, across pods in time order', () => {
    const view = filteredView(buffer, { pod: '', needle: 'error' });
    expect(texts(view)).toEqual(['web-1:error: boom', 'web-2:Error again']);
    expect(view.search('again')).toEqual([1]);
  });
});
