/** A Chromium to drive (CHROMIUM_PATH, Debian's, installed through apt when it may be), or '' for Playwright's own. */
export function ensureBrowser(): string;
