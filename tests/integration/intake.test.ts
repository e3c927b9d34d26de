import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  callerAs,
  createUsers,
  expectTRPCError,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestUsers,
  trpcError,
  writeCounts,
} from '../helpers/users';

/**
 * The news intake end to end on a seeded roadmap (a fictional agency article, a test fixture):
 * the analyser proposes the source, the 2031 lithium date with its quote and a new participant,
 * ignores the statistics and the founding year; the planner applies; the roadmap, the history,
 * the source's kept text and the CSV say so. Refusals write nothing.
 */

const ARTICLE = `Выпуск гидроксида лития на Тастыге перенесли на 2031 год

КЫЗЫЛ, 20 ноября. /ТАСС/. Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития начнётся в 2031 году, сообщили в правительстве Республики Тыва. Оператором проекта станет компания «Тувинские редкие металлы», основанная в 1998 году. По итогам 2025 года в регионе добыто 120 тыс. тонн руды.`;

let t: TestDatabase;
let users: TestUsers;
let lithiumId: number;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  const [row] = await rawRows<{ id: number }>(
    t.handle,
    sql`select id from milestones where key = 'lithium-hydroxide-2030'`,
  );
  lithiumId = Number(row?.id);
});

afterAll(async () => {
  await t.cleanup();
});

const planner = () => callerAs(t.handle.db, users.planner);

describe(`news intake on ${ENGINE}`, () => {
  it('proposes the source, the 2031 date of the lithium milestone with its quote, and the new participant; nothing from the statistics or the founding year', async () => {
    const draft = await planner().intake.analyze({ text: ARTICLE });
    expect(draft.source).toMatchObject({ publisher: 'ТАСС', publishedOn: expect.stringMatching(/-11-20$/) });
    expect(draft.source.title).toBe('Выпуск гидроксида лития на Тастыге перенесли на 2031 год');
    for (const p of draft.proposals) expect(ARTICLE.slice(p.quoteStart, p.quoteEnd)).toBe(p.quote);
    const date = draft.proposals.find((p) => p.kind === 'date' && p.milestoneId === lithiumId);
    expect(date?.planned).toMatchObject({ start: '2031-01-01', end: '2031-12-31', precision: 'year' });
    const participant = draft.proposals.find((p) => p.kind === 'participant');
    expect(participant?.participant?.name).toContain('Тувинские редкие металлы');
    const years = draft.proposals.flatMap((p) => (p.planned ? [p.planned.start.slice(0, 4)] : []));
    expect(years).not.toContain('1998');
    expect(years).not.toContain('2025');
  });

  it('recognises the same article pasted twice', async () => {
    const again = await planner().intake.analyze({ text: ARTICLE });
    expect(again.seenBefore.draftId).not.toBeNull();
  });

  it('applies the accepted proposals in one go: the roadmap, the history, the kept text and the CSV show them', async () => {
    const draft = await planner().intake.analyze({ text: `${ARTICLE}\n` });
    const date = draft.proposals.find((p) => p.kind === 'date' && p.milestoneId === lithiumId)!;
    const participant = draft.proposals.find((p) => p.kind === 'participant')!;
    const before = await planner().milestone.byId({ id: lithiumId });
    const applied = await planner().intake.applyDraft({
      draftId: draft.draftId,
      source: { title: draft.source.title!, publisher: draft.source.publisher, publishedOn: draft.source.publishedOn },
      accepted: [
        { id: date.id, version: before.version },
        { id: participant.id, milestoneId: lithiumId, role: 'executor' },
      ],
      reason: 'Сообщение ТАСС о переносе',
    });
    const m = await planner().milestone.byId({ id: lithiumId });
    expect([m.plannedStart, m.plannedEnd]).toEqual(['2031-01-01', '2031-12-31']);
    expect(m.claims.find((c) => c.rank === 'current' && c.kind === 'date')).toMatchObject({
      quote: date.quote,
      checked: true,
      source: { id: applied.sourceId, publisher: 'ТАСС' },
    });
    expect(m.participants.map((p) => p.nameRu)).toContainEqual(expect.stringContaining('Тувинские редкие металлы'));
    expect((await planner().source.snapshot({ sourceId: applied.sourceId })).text).toBe(`${ARTICLE}\n`);
    const { rows } = await planner().history.list({ milestoneId: lithiumId, limit: 20 });
    expect(rows.some((r) => r.field === 'planned' && r.reason === 'Сообщение ТАСС о переносе')).toBe(true);
    // Applied: the draft is gone.
    await expectTRPCError(planner().intake.discard({ draftId: draft.draftId }), 'NOT_FOUND', 'errors.draftNotFound');

    const server = await startServer(t);
    try {
      const csv = await (await fetch(`${server.baseUrl}/api/export/milestones.csv`)).text();
      expect(csv).toContain(date.quote);
      expect(csv).not.toContain('По итогам 2025 года');
    } finally {
      await server.close();
    }
  });

  it('shows a stale milestone as a conflict on that proposal, writes nothing, and keeps the draft', async () => {
    const draft = await planner().intake.analyze({ text: `${ARTICLE}\n\n` });
    const date = draft.proposals.find((p) => p.kind === 'date' && p.milestoneId === lithiumId)!;
    const m = await planner().milestone.byId({ id: lithiumId });
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner().intake.applyDraft({
        draftId: draft.draftId,
        source: { title: 'Статья', publisher: 'ТАСС' },
        accepted: [{ id: date.id, version: m.version - 1 }],
        reason: 'Применить',
      }),
      'CONFLICT',
      'errors.proposalStale',
    );
    expect((error.cause as { details?: { proposalId?: string } }).details?.proposalId).toBe(date.id);
    expect(await writeCounts(t.handle)).toEqual(before);
    await planner().intake.discard({ draftId: draft.draftId });
    const [left] = await rawRows<{ n: number | string }>(
      t.handle,
      sql`select count(*) as n from intake_drafts where id = ${draft.draftId}`,
    );
    expect(Number(left?.n)).toBe(0);
  });

  it('is for planners and admins only: a viewer sees nothing of drafts', async () => {
    await expectTRPCError(callerAs(t.handle.db, users.viewer).intake.analyze({ text: ARTICLE }), 'FORBIDDEN');
    await expectTRPCError(callerAs(t.handle.db, null).intake.analyze({ text: ARTICLE }), 'UNAUTHORIZED');
  });

  it('refuses an article over the size limit with a clear message, and a body over the server limit with 413', async () => {
    await expectTRPCError(planner().intake.analyze({ text: 'Слово '.repeat(20_000) }), 'BAD_REQUEST');
    const server = await startServer(t, { MAX_BODY_BYTES: '100000' });
    try {
      const login = await postTrpc(server.baseUrl, 'auth.login', {
        login: 'planner',
        password: users.planner.password,
      });
      const cookie = sessionCookieOf(login);
      const answer = await postTrpc(server.baseUrl, 'intake.analyze', { text: 'а'.repeat(150_000) }, { cookie });
      expect(answer.status).toBe(413);
      // DESIGN.md's name for the apply procedure answers over HTTP (tRPC reserves `apply` in the router).
      const applied = await postTrpc(
        server.baseUrl,
        'intake.apply',
        { draftId: 999_999, source: { title: 'Статья' }, accepted: [], reason: 'Применить' },
        { cookie },
      );
      expect(applied.status).toBe(404);
      expect(trpcError(applied).message).toBe('errors.draftNotFound');
    } finally {
      await server.close();
    }
  });
});
