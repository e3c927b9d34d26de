import type { FastifyServerOptions } from 'fastify';
import type { Env } from '../env';

/**
 * How the server logs. On a terminal (someone ran `npm start`) the lines are for a person:
 * pino-pretty, coloured, one line each with the time. Piped or redirected (a service manager, a
 * log collector, the test harness) they stay JSON, one object a line, for machines.
 */
export function loggerOptions(level: Env['LOG_LEVEL'], terminal: boolean): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  if (!terminal) return { level };
  return {
    level,
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
  };
}

/** What a first start says when nobody can log in yet: the command on a line of its own, to copy. */
export const FIRST_ADMIN_HINT = [
  'No users yet. Create the first admin with:',
  '',
  '    npm run user -- add --login admin --name "Full Name" --role admin',
  '',
  'The password is read from standard input.',
].join('\n');
