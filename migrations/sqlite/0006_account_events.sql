CREATE TABLE `account_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`user_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_role` text,
	`to_role` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "account_events_action_check" CHECK("account_events"."action" in ('added','role_changed','disabled','enabled','password_reset'))
);
--> statement-breakpoint
CREATE INDEX `account_events_at_idx` ON `account_events` (`at`);--> statement-breakpoint
CREATE INDEX `account_events_user_idx` ON `account_events` (`user_id`,`at`);--> statement-breakpoint
-- The account log is append-only, as the history is (0001, 0004): no UPDATE, no DELETE, no REPLACE.
CREATE TRIGGER `account_events_no_update` BEFORE UPDATE ON `account_events`
BEGIN
  SELECT RAISE(ABORT, 'the account log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `account_events_no_delete` BEFORE DELETE ON `account_events`
BEGIN
  SELECT RAISE(ABORT, 'the account log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `account_events_no_replace` BEFORE INSERT ON `account_events`
WHEN NEW.`id` IS NOT NULL AND EXISTS (SELECT 1 FROM `account_events` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'the account log is append-only');
END;
--> statement-breakpoint
-- Account events recorded in the public history until now move to the account log, in their
-- order, with their time and author (docs/decisions/0010-account-log.md).
INSERT INTO `account_events` (`at`, `actor_id`, `user_id`, `action`, `from_role`, `to_role`)
SELECT `at`, `user_id`, `entity_id`,
  CASE `reason`
    WHEN 'user.add' THEN 'added'
    WHEN 'user.set-role' THEN 'role_changed'
    WHEN 'user.disable' THEN 'disabled'
    WHEN 'user.enable' THEN 'enabled'
    ELSE 'password_reset'
  END,
  CASE WHEN `reason` = 'user.set-role' THEN json_extract(`from_value`, '$') END,
  CASE `reason`
    WHEN 'user.set-role' THEN json_extract(`to_value`, '$')
    WHEN 'user.add' THEN json_extract(`to_value`, '$.role')
  END
FROM `history`
WHERE `entity` = 'user'
  AND `reason` IN ('user.add', 'user.set-role', 'user.disable', 'user.enable', 'user.reset-password')
  AND `entity_id` IN (SELECT `id` FROM `users`)
ORDER BY `id`;
--> statement-breakpoint
-- The one deletion history ever sees, of exactly the rows copied above: the append-only trigger
-- is dropped and made again inside this migration's transaction, so no other connection ever
-- sees history without it (SQLite cannot disable a trigger). ADR 0010 says why.
DROP TRIGGER `history_no_delete`;
--> statement-breakpoint
DELETE FROM `history`
WHERE `entity` = 'user'
  AND `reason` IN ('user.add', 'user.set-role', 'user.disable', 'user.enable', 'user.reset-password')
  AND `entity_id` IN (SELECT `id` FROM `users`);
--> statement-breakpoint
CREATE TRIGGER `history_no_delete` BEFORE DELETE ON `history`
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
