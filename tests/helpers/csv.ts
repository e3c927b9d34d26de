import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { CsvImportRequest, CsvImportResult } from '../../shared/csv';
import { postTrpc, sessionCookieOf } from './users';

/**
 * The CSV endpoints as a browser or a script uses them: downloads read as raw bytes (so the
 * BOM and line ends can be checked), parsed back with csv-parse, and the import's JSON POST.
 */

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface CsvDownload {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The body as text without the BOM. */
  text: string;
}

export async function download(baseUrl: string, path: string, cookie?: string | null): Promise<CsvDownload> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3).toString('utf8') : bytes.toString('utf8');
  return { status: response.status, headers: response.headers, bytes, text };
}

/** Records of a CSV text, every cell a string, exactly as written (no trimming, no casting). */
export function parseCsv(text: string, delimiter: ';' | ','): string[][] {
  return parse(text, { delimiter, bom: true, relax_quotes: false, record_delimiter: ['\r\n'] });
}

/** Records as objects keyed by the header cells. */
export function csvObjects(text: string, delimiter: ';' | ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

export async function logIn(baseUrl: string, login: string, password: string): Promise<string> {
  const result = await postTrpc(baseUrl, 'auth.login', { login, password });
  expect(result.status, result.text).toBe(200);
  return sessionCookieOf(result)!;
}

export interface ImportResponse {
  status: number;
  body: CsvImportResult & { error?: string };
}

export async function postImport(
  baseUrl: string,
  request: CsvImportRequest,
  { dryRun, cookie, headers = {} }: { dryRun: boolean; cookie?: string | null; headers?: Record<string, string> },
): Promise<ImportResponse> {
  const response = await fetch(`${baseUrl}/api/import/milestones.csv?dryRun=${dryRun ? 1 : 0}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  let body: ImportResponse['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text } as ImportResponse['body'];
  }
  return { status: response.status, body };
}

/**
 * RFC 4180 line ends: outside quoted fields every record ends with CRLF, and no bare CR or LF
 * appears; inside quoted fields a line break is data. Returns the number of records.
 */
export function expectCrlfRecords(text: string): number {
  let quoted = false;
  let records = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\r') {
      expect(text[i + 1], `bare CR at ${i}`).toBe('\n');
      records += 1;
      i += 1;
    } else if (!quoted && ch === '\n')
      throw new Error(`bare LF outside quotes at ${i}: ${JSON.stringify(text.slice(i - 40, i + 40))}`);
  }
  expect(quoted, 'an unterminated quoted field').toBe(false);
  expect(text.endsWith('\r\n'), 'the last record ends with CRLF').toBe(true);
  return records;
}
