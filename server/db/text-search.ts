import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** Lower-cases the way the search column is written, so Cyrillic matches regardless of case. */
export function normaliseSearchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join('\n')
    .toLocaleLowerCase('ru')
    .replaceAll('ё', 'е');
}

/** `column` contains `needle` literally: %, _ and \ typed by a user are not wildcards. */
export function containsText(column: SQLWrapper, needle: string): SQL {
  const escaped = normaliseSearchText(needle).replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} like ${`%${escaped}%`} escape '\\'`;
}
