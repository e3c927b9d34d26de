import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../server/db/engine';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { callerAs, createUsers, expectTRPCError, type TestUsers, writeCounts } from '../helpers/users';

/**
 * A source's kept text: every quote later cited from it is checked against it; only planners
 * and admins read it; an admin may purge it (its SHA-256 stays, with the history of the purge).
 */

const TEXT = `КРАСНОЯРСК, 20 ноября. /ТАСС/. Выпуск гидроксида лития на Тастыгском месторождении
начнётся в 2031 году, сообщил представитель компании.`;

let t: TestDatabase;
let users: TestUsers;
let sourceId: number;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  const created = await callerAs(t.handle.db, users.planner).source.create({
    title: 'Выпуск гидроксида лития перенесён',
    publisher: 'ТАСС',
    publishedOn: '2026-11-20',
    reason: 'Новая статья',
  });
  sourceId = created.id;
});

afterAll(async () => {
  await t.cleanup();
});

describe(`source texts on ${ENGINE}`, () => {
  it('keeps a planner’s text for a source, readable by planners, never by viewers', async () => {
    await callerAs(t.handle.db, users.planner).source.attachSnapshot({ sourceId, text: TEXT, reason: 'Текст статьи' });
    expect((await callerAs(t.handle.db, users.admin).source.snapshot({ sourceId })).text).toBe(TEXT);
    await expectTRPCError(callerAs(t.handle.db, users.viewer).source.snapshot({ sourceId }), 'FORBIDDEN');
    await expectTRPCError(callerAs(t.handle.db, null).source.snapshot({ sourceId }), 'UNAUTHORIZED');
    await expectTRPCError(
      callerAs(t.handle.db, users.planner).source.attachSnapshot({ sourceId, text: 'Другой текст', reason: 'Ещё раз' }),
      'BAD_REQUEST',
      'errors.snapshotExists',
    );
  });

  it('refuses a quote that is not in the text, naming the field, and writes nothing', async () => {
    const [m] = await callerAs(t.handle.db, users.viewer).milestone.list({});
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      callerAs(t.handle.db, users.planner).milestone.update({
        id: m!.id,
        version: m!.version,
        reason: 'Перенос по статье',
        status: 'delayed',
        citation: { sourceId, quote: 'Выпуск начнётся в 2030 году.' },
      }),
      'BAD_REQUEST',
      'errors.quoteNotInSource',
    );
    expect((error.cause as { details?: { field?: string } }).details?.field).toBe('citation.quote');
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('accepts a verbatim quote whatever its line breaks, and marks it checked in the details', async () => {
    const [m] = await callerAs(t.handle.db, users.viewer).milestone.list({});
    await callerAs(t.handle.db, users.planner).milestone.update({
      id: m!.id,
      version: m!.version,
      reason: 'Перенос по статье',
      status: 'delayed',
      citation: { sourceId, quote: 'Выпуск гидроксида лития на Тастыгском месторождении начнётся в 2031 году' },
    });
    const details = await callerAs(t.handle.db, users.viewer).milestone.byId({ id: m!.id });
    const cited = details.citations.filter((c) => c.source.id === sourceId);
    expect(cited.map((c) => c.checked)).toEqual([true]);
    const unchecked = details.citations.filter((c) => c.source.id !== sourceId);
    expect(unchecked.length).toBeGreaterThan(0);
    expect(unchecked.every((c) => c.checked === false)).toBe(true);
    expect(details.claims.find((c) => c.source.id === sourceId)?.checked).toBe(true);
  });

  it('never puts the text in an export', async () => {
    const server = await import('../helpers/users').then((u) => u.startServer(t));
    try {
      const csv = await (await fetch(`${server.baseUrl}/api/export/milestones.csv`)).text();
      expect(csv).toContain('Выпуск гидроксида лития на Тастыгском');
      expect(csv).not.toContain('сообщил представитель компании');
    } finally {
      await server.close();
    }
  });

  it('lets only an admin purge the text; the SHA-256 and the history of the purge stay', async () => {
    await expectTRPCError(
      callerAs(t.handle.db, users.planner).source.purgeSnapshot({ sourceId, reason: 'Убрать текст' }),
      'FORBIDDEN',
    );
    const purged = await callerAs(t.handle.db, users.admin).source.purgeSnapshot({
      sourceId,
      reason: 'Правообладатель просит не хранить текст',
    });
    expect(purged.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await callerAs(t.handle.db, users.admin).source.snapshot({ sourceId })).text).toBeNull();
    const { rows } = await callerAs(t.handle.db, users.admin).history.list({ limit: 5 });
    expect(rows[0]).toMatchObject({ entity: 'source', entityId: sourceId, field: 'snapshot' });
    expect(rows[0]?.toValue).toContain(purged.sha256);
    expect(rows[0]?.toValue).not.toContain('Тастыг');
  });
});
