import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessage } from '../../shared/validation-messages';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  createUser,
  getTrpc,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  trpcError,
} from '../helpers/users';

/**
 * The server's refusals, over real HTTP, carry the same keys as the browser's checks: every
 * field's message is an i18n key (with its numbers), never Zod's English sentence.
 */

let t: TestDatabase;
let server: TestServer;
let planner: string;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const p = await createUser(t.handle.db, 'words-planner', 'planner');
  server = await startServer(t);
  planner = sessionCookieOf(await postTrpc(server.baseUrl, 'auth.login', { login: p.login, password: p.password }))!;
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

function fieldErrorsOf(text: string): Record<string, string[]> {
  const body = JSON.parse(text) as { error: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
  return body.error.data.zodError.fieldErrors;
}

describe('a refusal names each field with a key', () => {
  it('an oversized title, a word for an id, a too long list: keys with their numbers', async () => {
    const result = await postTrpc(
      server.baseUrl,
      'milestone.create',
      {
        title: 'я'.repeat(301),
        workstreamId: 'abc',
        reason: 'Новая веха',
        citation: { sourceId: 1, quote: 'Сроки уточнены' },
        participants: Array.from({ length: 101 }, () => ({ participantId: 1, role: 'operator' })),
      },
      { cookie: planner },
    );
    expect(result.status, result.text).toBe(400);
    const fields = fieldErrorsOf(result.text);
    expect(fields.title).toEqual(['errors.tooLong|{"max":300}']);
    expect(fields.workstreamId).toEqual(['errors.invalidChoice']);
    expect(fields.participants).toEqual(['errors.tooMany|{"max":100}']);
    expect(result.text).not.toMatch(/Invalid input|Too big|expected|received/);
    for (const messages of Object.values(fields))
      for (const message of messages) expect(readMessage(message).key).toMatch(/^errors\.[a-zA-Z]+$/);
  });

  it('30 February: the date does not exist, which is not a wrong format', async () => {
    const noSuchDay = await getTrpc(server.baseUrl, 'milestone.list', { from: '2030-02-30' });
    expect(noSuchDay.status).toBe(400);
    expect(fieldErrorsOf(noSuchDay.text).from).toEqual(['errors.noSuchDate']);
    const wrongFormat = await getTrpc(server.baseUrl, 'milestone.list', { from: '30.02.2030' });
    expect(fieldErrorsOf(wrongFormat.text).from).toEqual(['errors.calendarDate']);
    expect(trpcError(noSuchDay).message).toBe('errors.invalidInput');
  });
});
