import type { Locator, Page } from '@playwright/test';
import { test as base, expect, logInAs } from './fixtures/isolated-server';
import {
  BREAKOUT_URL,
  CLEAN,
  PAYLOADS,
  type PlantedPayloads,
  plantPayloads,
  SCRIPT_URL_SOURCES,
  UNDATED,
  watchForInjection,
} from './fixtures/xss-payloads';
import { timeline, timelineItem, timelineItems } from './support';

/**
 * Markup stored as user text (titles, descriptions, quotes, participant and source names,
 * reasons) is shown as text on every screen: no script runs, no element is injected, and the
 * payload is there to read, so the test cannot pass by not showing the data.
 */

const test = base.extend<{ corpus: PlantedPayloads; injection: (where: string) => Promise<void> }>({
  corpus: async ({ request, server }, use) => {
    await use(await plantPayloads(request, server.database));
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

// The server's Content-Security-Policy would stop an injected handler from running, and a
// rendering bug would then go unnoticed by `window.__xss`: the rendering is tested on its own.
// (An injected element is caught either way, by the watch in xss-payloads.ts.)
test.use({ bypassCSP: true });

const TOOLTIP_DELAY_MS = 500;

const DATED = PAYLOADS.filter((_, i) => i !== UNDATED);

/** The corpus's milestones only, so the chart stays a few short rows and the table a screenful. */
function onlyCorpus(corpus: PlantedPayloads, params: Record<string, string> = {}): string {
  return `/?${new URLSearchParams({ ...params, participant: corpus.participantIds.join(',') })}`;
}

async function expectAllShown(region: Locator, payloads: readonly string[] = PAYLOADS): Promise<void> {
  await expect(region).toBeVisible();
  for (const payload of payloads) await expect(region, 'the payload is shown as text').toContainText(payload);
}

function tabs(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Вид' });
}

test.describe('stored markup is shown as text', () => {
  // Each test walks all sixteen payloads through a screen's every place: more than the default 30 s on 2 cores.
  test.describe.configure({ timeout: 90_000 });

  test('timeline: items, their tooltips, participant lanes and filter, undated list, English', async ({
    page,
    corpus,
    injection,
  }) => {
    await page.clock.install();
    await logInAs(page, 'anna');
    await page.goto(onlyCorpus(corpus));
    await expect(timelineItems(page)).toHaveCount(DATED.length);
    await injection('the timeline');

    const tooltip = page.locator('.vis-tooltip');
    for (const payload of DATED) {
      const item = timelineItem(page, payload);
      await expect(item.locator('.timeline-item-label')).toHaveText(payload);
      await item.hover();
      // vis-timeline shows the tooltip 500 ms after the mouse stops; the clock skips the wait.
      await page.clock.fastForward(TOOLTIP_DELAY_MS);
      await expect(tooltip).toBeVisible();
      await expect(tooltip.locator('strong')).toHaveText(payload);
    }
    await injection('the tooltips');
    await expectAllShown(page.getByTestId('undated-list'), [PAYLOADS[UNDATED]!]);

    await page.getByRole('radio', { name: 'по участникам' }).check();
    const lanes = timeline(page).locator('.vis-labelset .vis-label');
    await expect(lanes).toHaveCount(DATED.length);
    for (const payload of DATED) {
      const lane = lanes.filter({ hasText: payload });
      await expect(lane).toHaveText(payload);
      await lane.hover();
    }
    await injection('the participant lanes');
    // The filter's list of participants names them too.
    const participantFilter = page.getByTestId('filter-participant');
    await participantFilter.locator('summary').click();
    await expectAllShown(participantFilter.locator('fieldset'));
    await participantFilter.locator('summary').click();

    // English: English titles and names, which hold the same payloads.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('radio', { name: 'by participant' })).toBeChecked();
    await expectAllShown(timeline(page).locator('.vis-labelset'), DATED);
    // vis-timeline draws only the lanes in view; fifteen participant lanes run below the fold, the
    // corpus's one workstream holds every item in one.
    await page.getByRole('radio', { name: 'by workstream' }).check();
    await expectAllShown(timeline(page).locator('.vis-itemset'), DATED);
    await timelineItem(page, DATED[0]!).first().hover();
    await page.clock.fastForward(TOOLTIP_DELAY_MS);
    await expect(tooltip.locator('strong')).toHaveText(DATED[0]!);
    await injection('the timeline in English');
  });

  test('table, details with citations, participants and history, and the edit forms', async ({
    page,
    corpus,
    injection,
  }) => {
    await logInAs(page, 'anna');
    await page.goto(onlyCorpus(corpus, { view: 'table' }));
    const table = page.getByTestId('milestone-table');
    await expect(table.locator('tbody tr')).toHaveCount(PAYLOADS.length);
    await expectAllShown(table);
    await injection('the table');

    const details = page.getByTestId('milestone-details');
    for (const [i, payload] of PAYLOADS.entries()) {
      const row = table.locator(`tr[data-milestone-id="${corpus.milestoneIds[i]}"]`);
      await expect(row.getByRole('rowheader')).toHaveText(payload);
      await row.getByRole('rowheader').getByRole('button').click();
      await expect(details.getByRole('heading', { level: 2 })).toHaveText(payload);
      await expect(details.locator('.prose')).toHaveText([payload, payload]);
      await expect(details.locator('dd[lang=ru]')).toHaveText(payload);

      // The quote entered with the milestone, on a new source that has a publisher and a note.
      const citations = details.getByTestId('citation');
      await expect(citations).toHaveCount(3);
      const own = citations.filter({ has: page.locator('.citation-publisher', { hasText: payload }) });
      await expect(own.locator('blockquote')).toHaveText(`«${payload}»`);
      await expect(own.locator('.citation-note')).toHaveText(`(${payload})`);
      if (i % 2 === 0) {
        // A valid https address that tries to close the attribute stays one whole attribute.
        await expect(own.locator('a')).toHaveText(payload);
        await expect(own.locator('a')).toHaveAttribute('href', BREAKOUT_URL);
      } else {
        await expect(own.locator('cite')).toHaveText(payload);
      }

      // A source whose address is javascript: or data: is named, never linked.
      const scripted = SCRIPT_URL_SOURCES[i % SCRIPT_URL_SOURCES.length]!;
      const unlinked = citations.filter({ hasText: scripted.title }).filter({ hasText: `«${payload}»` });
      await expect(unlinked).toHaveCount(2);
      await expect(unlinked.locator('a')).toHaveCount(0);
      // Were it a link, a click would follow it.
      if (i < SCRIPT_URL_SOURCES.length) await unlinked.locator('cite').first().click();

      const role = details.getByTestId('participant-role');
      await expect(role.locator('strong')).toHaveText(payload);
      await expect(role.getByTestId('citation').locator('blockquote')).toHaveText(`«${payload}»`);
      const reasons = details.getByTestId('milestone-history').locator('.history-reason');
      await expect(reasons.first()).toHaveText(payload);
      expect(new Set(await reasons.allTextContents())).toEqual(new Set([payload]));
      await details.hover();
      await injection(`the details of payload ${i + 1}`);
    }

    // The edit form puts the stored text in inputs and option lists.
    const first = PAYLOADS[0];
    await table.locator(`tr[data-milestone-id="${corpus.milestoneIds[0]}"]`).getByRole('button').click();
    await expect(details.getByRole('heading', { level: 2 })).toHaveText(first);
    await details.getByRole('button', { name: 'Изменить' }).click();
    const form = details.getByRole('form', { name: 'Изменение вехи' });
    await expect(form.getByLabel('Название (рус.)')).toHaveValue(first);
    await expect(form.getByLabel('Название (англ.)')).toHaveValue(first);
    await expect(form.getByLabel('Описание')).toHaveValue(first);
    await expect(form.locator('.role-list')).toContainText(first);
    await expectAllShown(form.getByLabel('Участник', { exact: true }));
    await injection('the edit form');
    await form.getByRole('button', { name: 'Отмена' }).click();

    await details.getByRole('button', { name: 'Добавить цитату' }).click();
    const cite = details.getByRole('form', { name: 'Добавить цитату' });
    await expectAllShown(cite.locator('select[name=sourceId]'));
    await injection('the citation form');
  });

  test('history, sources and participants screens', async ({ page, corpus, injection }) => {
    await page.goto('/?view=history');
    const history = page.getByTestId('history-table');
    await expectAllShown(history);
    for (const source of SCRIPT_URL_SOURCES) await expect(history).toContainText(source.title);
    // The renamed title is shown as a changed value, the participants by name.
    await expect(history.locator('tr', { hasText: /Черновик 1(?!\d)/ }).first()).toContainText(PAYLOADS[0]);
    await expectAllShown(page.getByRole('combobox', { name: /^Веха/ }));
    await injection('the history');

    // A milestone named in the history opens on the timeline.
    await history.getByRole('button', { name: PAYLOADS[1], exact: true }).first().click();
    await expect(page.getByTestId('milestone-details').getByRole('heading', { level: 2 })).toHaveText(PAYLOADS[1]);
    await expect(page).toHaveURL(new RegExp(`[?&]m=${corpus.milestoneIds[1]}(&|$)`));
    await injection('a milestone opened from the history');

    await tabs(page).getByRole('button', { name: 'Источники' }).click();
    const sources = page.getByTestId('source-table');
    await expectAllShown(sources);
    for (const source of SCRIPT_URL_SOURCES) await expect(sources).toContainText(source.title);
    await injection('the sources');

    await tabs(page).getByRole('button', { name: 'Участники' }).click();
    await expectAllShown(page.getByTestId('participant-table'));
    await injection('the participants');
  });

  test('print sheet: chart and cited sources with their addresses', async ({ page, corpus, injection }) => {
    await page.goto(onlyCorpus(corpus));
    await expect(timelineItems(page)).toHaveCount(DATED.length);
    await page.emulateMedia({ media: 'print' });
    const sheet = page.locator('[data-testid="print-sheet"][data-ready]');
    // A long chart is printed in parts, one chart per page: together they show every item.
    const charts = sheet.locator('.vis-itemset');
    await expect(charts.first()).toBeVisible();
    for (const payload of DATED) {
      await expect
        .poll(async () => (await charts.allTextContents()).join('\n'), { message: 'the payload is shown as text' })
        .toContain(payload);
    }
    const cited = sheet.getByTestId('cited-sources');
    await expectAllShown(cited);
    await expect(cited).toContainText(BREAKOUT_URL);
    for (const source of SCRIPT_URL_SOURCES) await expect(cited).toContainText(source.url);
    await injection('the print sheet');
  });
});
