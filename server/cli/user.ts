/**
 * npm run user -- add --login NAME --name "Full Name" --role viewer|planner|admin
 * npm run user -- list | set-role --login NAME --role ROLE | disable --login NAME | enable --login NAME
 * npm run user -- reset-password --login NAME
 * npm run user -- log   (the account log, newest first: the same one admins read in the users screen)
 *
 * Passwords are read from standard input (typed without echo on a terminal, or piped), never
 * from the command line, where they would stay in shell history and the process list.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { loginNameSchema, passwordSchema, userCreateSchema } from '../../shared/auth';
import { en } from '../../shared/i18n/en';
import { userRoleSchema } from '../../shared/user';
import { readMessage } from '../../shared/validation-messages';
import { migrateDatabase, openDatabase } from '../db/client';
import { databaseConfigOf } from '../db/engine';
import { loadEnv } from '../env';
import { AppError } from '../errors';
import { listAccountEvents } from '../services/account-events';
import { addUser, listUsers, resetPassword, setUserDisabled, setUserRole } from '../services/users';

const USAGE = `usage:
  npm run user -- add --login NAME --name "Full Name" --role viewer|planner|admin   (password on stdin)
  npm run user -- list
  npm run user -- set-role --login NAME --role viewer|planner|admin
  npm run user -- disable --login NAME
  npm run user -- enable --login NAME
  npm run user -- reset-password --login NAME   (new password on stdin)
  npm run user -- log`;

async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: stdin, output: process.stdout, terminal: true });
      // Echo nothing of what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
        if (s.includes(question)) process.stdout.write(question);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(prompt);
  const second = await ask('Repeat it: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Schema and domain messages are i18n keys; the terminal gets the English sentence. */
function explain(message: string): string {
  const { key, params } = readMessage(message);
  const name = key.replace(/^errors\./, '') as keyof typeof en.errors;
  const text: string = en.errors[name] ?? message;
  return text.replace(/\{\{(\w+)\}\}/g, (_, param: string) => String(params?.[param] ?? ''));
}

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    fail(
      `${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${explain(i.message)}`).join('; ')}`,
    );
  return parsed.data;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    strict: true,
  });
  const env = loadEnv();
  const database = await openDatabase(databaseConfigOf(env));
  await migrateDatabase(database);
  const db = database.db;
  try {
    switch (command) {
      case 'add': {
        const password = await readPassword('Password (at least 10 characters): ');
        const input = parseOrFail(
          userCreateSchema,
          { login: values.login, displayName: values.name, role: values.role, password },
          'add',
        );
        const user = await addUser(db, null, input);
        console.log(`Added ${user.login} (${user.role}).`);
        break;
      }
      case 'list':
        for (const u of await listUsers(db)) {
          console.log([u.login, u.role, u.disabledAt ? 'disabled' : 'active', u.displayName].join('\t'));
        }
        break;
      case 'set-role': {
        const login = parseOrFail(loginNameSchema, values.login, '--login');
        const role = parseOrFail(userRoleSchema, values.role, '--role');
        await setUserRole(db, null, login, role);
        console.log(`${login} is now ${role}.`);
        break;
      }
      case 'disable':
      case 'enable': {
        const login = parseOrFail(loginNameSchema, values.login, '--login');
        await setUserDisabled(db, null, login, command === 'disable');
        console.log(`${login} ${command}d.`);
        break;
      }
      case 'reset-password': {
        const login = parseOrFail(loginNameSchema, values.login, '--login');
        const password = parseOrFail(passwordSchema, await readPassword('New password: '), 'password');
        await resetPassword(db, null, login, password);
        console.log(`Password of ${login} reset; their sessions were ended.`);
        break;
      }
      case 'log': {
        // The last 500 events; the users screen pages further back.
        const { rows } = await listAccountEvents(db, { limit: 500 });
        for (const e of rows) {
          const roles = e.fromRole || e.toRole ? `${e.fromRole ?? ''}->${e.toRole ?? ''}` : '';
          console.log([e.at, e.user.login, e.action, roles, e.actor?.login ?? '(command line)'].join('\t'));
        }
        break;
      }
      default:
        fail(USAGE);
    }
  } catch (error) {
    if (error instanceof AppError) fail(`${command}: ${explain(error.messageKey)}`);
    throw error;
  } finally {
    await database.close();
  }
}

await main();
