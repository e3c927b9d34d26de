-- History is append-only: the database itself refuses to rewrite or remove what was recorded.
CREATE TRIGGER `history_no_update` BEFORE UPDATE ON `history`
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `history_no_delete` BEFORE DELETE ON `history`
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
