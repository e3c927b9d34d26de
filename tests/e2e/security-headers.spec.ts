import type { APIResponse } from '@playwright/test';
import { expect, openTimeline, test } from './support';

/**
 * The hardening headers on every kind of answer the server gives (pages, scripts, styles, the
 * API, downloads, errors), and the Content-Security-Policy as Chromium enforces it: the app
 * itself breaks no rule of it, and an inline script slipped into the page does not run.
 */

const PAGES = [
  '/',
  '/?view=table',
  '/?view=sources',
  '/?view=participants',
  '/?view=history',
  '/?view=users',
  '/?view=timeline&lanes=participant&m=1',
  '/a/deep/link/that/does/not/exist',
];

const OTHER = [
  '/healthz',
  `/trpc/milestone.list?input=${encodeURIComponent('{}')}`,
  '/trpc/no.such.procedure',
  '/api/export/milestones.csv',
  '/api/export/history.csv',
];

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function expectHardened(response: APIResponse, url: string) {
  const headers = response.headers();
  const csp = headers['content-security-policy'];
  expect(csp, `${url}: Content-Security-Policy`).toBeTruthy();
  const policy = directives(csp as string);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, `${url}: script-src`).toEqual(["'self'"]);
  expect(policy.get('default-src'), url).toEqual(["'self'"]);
  expect(policy.get('object-src'), url).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors'), url).toEqual(["'none'"]);
  expect(policy.get('base-uri'), url).toEqual(["'self'"]);
  expect(policy.get('form-action'), url).toEqual(["'self'"]);
  expect(csp, url).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  expect(headers['x-content-type-options'], url).toBe('nosniff');
  expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
  expect(headers['referrer-policy'], url).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
  expect(headers['cross-origin-resource-policy'], url).toBe('same-origin');
  expect(headers['x-dns-prefetch-control'], url).toBe('off');
  expect(headers['x-permitted-cross-domain-policies'], url).toBe('none');
  expect(headers['x-powered-by'], url).toBeUndefined();
  expect(headers.server, url).toBeUndefined();
}

test('every page, asset, API answer, download and error carries the hardening headers', async ({ request }) => {
  const index = await request.get('/');
  const html = await index.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  // No inline script in the page the policy would have to allow.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  for (const url of [...PAGES, ...assets, ...OTHER]) {
    const response = await request.get(url);
    expect(response.status(), url).toBeLessThan(500);
    expectHardened(response, url);
    if (PAGES.includes(url)) expect(response.headers()['content-type'], url).toMatch(/^text\/html/);
  }
});

test('Chromium enforces the policy: the app breaks none of it and an injected inline script does not run', async ({
  page,
  pageProblems,
}) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  await openTimeline(page);
  for (const name of ['Таблица', 'Источники', 'Участники', 'История', 'Таймлайн']) {
    await page.getByRole('navigation', { name: 'Вид' }).getByRole('button', { name }).click();
  }
  await openTimeline(page);
  expect(await violations()).toEqual([]);

  // What an XSS that got past the rendering would try: an inline script and an inline handler.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: number };
    const script = document.createElement('script');
    script.textContent = 'window.__injected = 1';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__injected = 2');
    img.src = 'data:,';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 200));
    return w.__injected ?? null;
  });
  expect(ran).toBeNull();
  expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
  // Chromium reports each blocked attempt on the console; those two, and only those, are expected.
  const blocked =
    /^console error: Executing inline (script|event handler) violates the following Content Security Policy/;
  expect(pageProblems.filter((p) => blocked.test(p))).toHaveLength(2);
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !blocked.test(p)));
});
