-- REPLACE (INSERT OR REPLACE, REPLACE INTO, and an insert under OR REPLACE conflict handling)
-- deletes the row it replaces without firing delete triggers, so history_no_delete never sees
-- it. An insert that names an id already taken is refused before any conflict handling runs:
-- history only ever gains rows. A new row (no id, or a free one) is unaffected.
CREATE TRIGGER `history_no_replace` BEFORE INSERT ON `history`
WHEN NEW.`id` IS NOT NULL AND EXISTS (SELECT 1 FROM `history` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
