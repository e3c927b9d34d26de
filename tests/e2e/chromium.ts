/**
 * How the browser tests and the timeline bench start Chromium: Debian's build, headless, with
 * nothing that would reach the network on its own (the machines reach package registries only).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
