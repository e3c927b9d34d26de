CREATE TABLE `intake_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`text_sha256` text NOT NULL,
	`text` text NOT NULL,
	`analysis` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `intake_drafts_sha_idx` ON `intake_drafts` (`text_sha256`);--> statement-breakpoint
CREATE TABLE `source_snapshots` (
	`source_id` integer PRIMARY KEY NOT NULL,
	`text` text,
	`text_sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`purged_at` text,
	`purged_by` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `source_snapshots_sha_idx` ON `source_snapshots` (`text_sha256`);