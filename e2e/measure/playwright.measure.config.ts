import base from '../../playwright.config';

// Journeys measured for the UI issue's report (clicks, scroll distance, render time); not part of CI.
export default { ...base, testDir: '.', testMatch: /\.measure\.ts$/, reporter: 'list' };
