import { Writable } from 'node:stream';
import pretty from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { FIRST_ADMIN_HINT, loggerOptions } from '../../server/http/logger';

/** What `npm start` shows a newcomer: readable lines on a terminal, JSON when piped. */

describe('the server log', () => {
  it('is pretty on a terminal and JSON when piped', () => {
    expect(loggerOptions('info', true)).toMatchObject({ level: 'info', transport: { target: 'pino-pretty' } });
    expect(loggerOptions('info', false)).toEqual({ level: 'info' });
    expect(loggerOptions('silent', true)).toBe(false);
  });

  it('on a terminal the first-admin hint reads as lines, with the command on one of its own', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const options = loggerOptions('info', true) as { transport: { options: Record<string, unknown> } };
    const stream = pretty({ ...options.transport.options, colorize: false, destination: sink, sync: true });
    stream.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: 1, hostname: 'h', msg: FIRST_ADMIN_HINT })}\n`);
    const lines = out.split('\n');
    expect(out).not.toContain('{"level"');
    expect(out).not.toContain('hostname');
    expect(lines).toContain('    npm run user -- add --login admin --name "Full Name" --role admin');
  });
});
