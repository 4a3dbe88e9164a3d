import { describe, expect, it } from 'vitest';
import { rowWindow, rowsPerPage, scrollToReveal, type Viewport } from './row-window';

const view = (scrollTop: number): Viewport => ({ scrollTop, height: 400, headerHeight: 40, rowHeight: 36 });

describe('rowWindow', () => {
  it('renders the rows under the header at the top, plus overscan below only', () => {
    // 360 px under the header hold 10 rows exactly
    expect(rowWindow(view(0), 1000, 5)).toEqual({ start: 0, end: 15 });
  });

  it('follows the scroll position with overscan on both sides', () => {
    // the box shows content 18 000 … 18 400; rows start at 40, so rows 17 960 / 36 = 498.9 … 18 360 / 36 = 510
    expect(rowWindow(view(18_000), 1000, 5)).toEqual({ start: 493, end: 515 });
  });

  it('clamps at the end of the table', () => {
    const bottom = 40 + 1000 * 36 - 400;
    expect(rowWindow(view(bottom), 1000, 5)).toEqual({ start: 983, end: 1000 });
  });

  it('handles an empty table and a scroll box not yet measured', () => {
    expect(rowWindow(view(0), 0, 5)).toEqual({ start: 0, end: 0 });
    expect(rowWindow({ ...view(0), height: 0 }, 1000, 5)).toEqual({ start: 0, end: 5 });
  });
});

describe('rowsPerPage', () => {
  it('counts the whole rows under the header, at least one', () => {
    expect(rowsPerPage(view(0))).toBe(10);
    expect(rowsPerPage({ ...view(0), height: 50 })).toBe(1);
  });
});

describe('scrollToReveal', () => {
  it('leaves the scroll alone when the row shows whole', () => {
    expect(scrollToReveal(view(0), 0)).toBe(0);
    expect(scrollToReveal(view(0), 9)).toBe(0);
  });

  it('scrolls down just enough to show a row below the view at the bottom edge', () => {
    // row 10 spans 400 … 436: the bottom edge must reach 436
    expect(scrollToReveal(view(0), 10)).toBe(36);
    expect(scrollToReveal(view(0), 999)).toBe(40 + 1000 * 36 - 400);
  });

  it('scrolls up to put a row hidden above (or under the sticky header) just below the header', () => {
    expect(scrollToReveal(view(18_000), 0)).toBe(0);
    expect(scrollToReveal(view(18_000), 400)).toBe(400 * 36);
    // row 500 starts at 18 040: 40 px of it sit under the header at scrollTop 18 040
    expect(scrollToReveal(view(18_040), 500)).toBe(18_000);
  });
});
