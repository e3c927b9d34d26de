import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { PARTICIPANT_KINDS } from '../../../../shared/participant';
import { SOURCE_KINDS } from '../../../../shared/source';
import { oneOf } from '../checks';

/** The cluster's directions; `key` is the stable seed identity, never shown. */
export const workstreams = pgTable('workstreams', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  key: text('key').notNull().unique(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const regions = pgTable('regions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  key: text('key').notNull().unique(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const participants = pgTable(
  'participants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').unique(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: PARTICIPANT_KINDS }).notNull(),
  },
  (t) => [check('participants_kind_check', oneOf(t.kind, PARTICIPANT_KINDS))],
);

export const sources = pgTable(
  'sources',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').unique(),
    publisher: text('publisher'),
    title: text('title').notNull(),
    /** YYYY-MM-DD, or null when the document carries no date: never a made-up one. */
    publishedOn: text('published_on'),
    /** What is known of the date or origin when the document itself does not say. */
    note: text('note'),
    url: text('url'),
    language: text('language').notNull().default('ru'),
    /**
     * official, news_agency, other_media, opinion or unknown (shared/source.ts). No CHECK: on
     * SQLite adding one means rebuilding a table that citations point at; zod guards the value.
     */
    kind: text('kind', { enum: SOURCE_KINDS }).notNull().default('unknown'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    check(
      'sources_published_on_check',
      sql`${t.publishedOn} is null or ${t.publishedOn} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`,
    ),
  ],
);
