import type { APIRequestContext, Locator } from '@playwright/test';
import { test as base, expect, logInAs } from './fixtures/isolated-server';
import {
  CLEAN,
  PAYLOADS,
  type PlantedPayloads,
  plantPayloads,
  UNDATED,
  watchForInjection,
} from './fixtures/xss-payloads';

/**
 * The texts of "what the sources say" — source titles and publishers, quotes, rank reasons, the
 * moves view's titles — hold the XSS corpus and are shown as text: no script runs, no element
 * is injected, and each payload is there to read.
 */

interface TrpcResult<T> {
  result: { data: T };
}

async function call<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as TrpcResult<T>).result.data;
}

async function versionOf(request: APIRequestContext, id: number): Promise<number> {
  const response = await request.get(`/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  return ((await response.json()) as TrpcResult<{ version: number }>).result.data.version;
}

/** Each payload milestone gets a later date claim from a payload source, made current for a payload reason. */
async function plantClaims(request: APIRequestContext, corpus: PlantedPayloads): Promise<void> {
  for (const [i, payload] of PAYLOADS.entries()) {
    const id = corpus.milestoneIds[i] as number;
    const year = 2031 + (i % 4);
    const added = await call<{ id: number; version: number }>(request, 'claim.add', {
      milestoneId: id,
      version: await versionOf(request, id),
      reason: payload,
      citation: { newSource: { title: payload, publisher: payload, kind: 'opinion' }, quote: payload },
      statedOn: '2026-02-01',
      planned: { start: `${year}-01-01`, end: `${year}-12-31`, precision: 'year', qualifier: 'no_earlier_than' },
    });
    await call(request, 'claim.setRank', {
      milestoneId: id,
      version: added.version,
      claimId: added.id,
      rank: 'current',
      reason: payload,
    });
  }
}

const planted = new Set<string>();

const test = base.extend<{ corpus: PlantedPayloads; injection: (where: string) => Promise<void> }>({
  corpus: async ({ request, server }, use) => {
    const corpus = await plantPayloads(request, server.database);
    if (!planted.has(server.baseURL)) {
      await plantClaims(request, corpus);
      planted.add(server.baseURL);
    }
    await use(corpus);
  },
  injection: async ({ page }, use) => {
    const report = await watchForInjection(page);
    const expectClean = async (where: string) => {
      expect(await report(), `injected on ${where}`).toEqual(CLEAN);
    };
    await use(expectClean);
    if (!page.isClosed()) await expectClean('the last screen');
  },
});

// As in xss.spec.ts: the rendering is tested on its own, without the CSP's second line of defence.
test.use({ bypassCSP: true });

async function openEveryQuote(region: Locator): Promise<void> {
  const buttons = region.getByRole('button', { name: /^(Цитата|Quote)$/ });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

test.describe('the texts of the sources are shown as text', () => {
  test('the claims table: source titles, publishers, quotes and rank reasons, in both languages', async ({
    page,
    corpus,
    injection,
  }) => {
    test.setTimeout(120_000);
    await logInAs(page, 'anna');
    const panel = page.getByTestId('milestone-details');
    for (const [i, payload] of PAYLOADS.entries()) {
      await page.goto(`/?m=${corpus.milestoneIds[i]}`);
      const table = panel.getByTestId('claims-table');
      await expect(table).toBeVisible();
      // Every claim here comes from a source named by the payload: the one the milestone was
      // created with and the one the later date came from.
      await expect(table.locator('tr.claim-row[data-rank=current] cite').first()).toHaveText(payload);
      expect(new Set(await table.locator('cite').allTextContents())).toEqual(new Set([payload]));
      expect(new Set(await table.locator('.claim-publisher').allTextContents())).toEqual(new Set([payload]));
      if (i !== UNDATED) {
        // The date the milestone was created with, superseded for the payload's reason.
        const superseded = table.locator('tr.claim-row[data-rank=superseded]').first();
        await expect(superseded.getByTestId('claim-rank-reason')).toHaveText(`Почему: ${payload}`);
      }
      await openEveryQuote(table);
      const quotes = table.getByTestId('claim-quote');
      expect(new Set(await quotes.allTextContents())).toEqual(new Set([`«${payload}»`]));
      await expect(panel.getByTestId('promise-table')).toContainText(payload);
      await panel.hover();
      await injection(`the claims of payload ${i + 1}`);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await expect(panel.getByTestId('claims-table').locator('cite').first()).toHaveText(PAYLOADS.at(-1) as string);
    await injection('the claims in English');
  });

  test('the moves view: milestone titles, sources and quotes', async ({ page, corpus, injection }) => {
    test.setTimeout(90_000);
    await page.goto('/?view=moves');
    const moves = page.getByTestId('moves-table');
    await expect(moves).toBeVisible();
    for (const [i, payload] of PAYLOADS.entries()) {
      if (i === UNDATED) continue;
      const row = moves.locator(`tr[data-milestone-id="${corpus.milestoneIds[i]}"]`);
      await expect(row.getByRole('rowheader').getByRole('button')).toHaveText(payload);
      await expect(row.locator('.move-publisher')).toHaveText(payload);
      await expect(row.locator('cite')).toHaveText(payload);
    }
    await openEveryQuote(moves);
    for (const [i, payload] of PAYLOADS.entries()) {
      if (i !== UNDATED) await expect(moves.getByTestId('move-quote').filter({ hasText: payload })).not.toHaveCount(0);
    }
    await moves.hover();
    await injection('the moves view');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Date moves' })).toBeVisible();
    await injection('the moves view in English');
  });
});
