CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`milestone_id` integer,
	`entity` text NOT NULL,
	`entity_id` integer,
	`action` text NOT NULL,
	`field` text,
	`from_value` text,
	`to_value` text,
	`reason` text NOT NULL,
	`citation_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`citation_id`) REFERENCES `citations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `history_milestone_idx` ON `history` (`milestone_id`,`at`);--> statement-breakpoint
CREATE INDEX `history_at_idx` ON `history` (`at`);--> statement-breakpoint
CREATE INDEX `history_user_idx` ON `history` (`user_id`);--> statement-breakpoint
CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`quote` text NOT NULL,
	`claim` text NOT NULL,
	`milestone_id` integer,
	`milestone_participant_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`milestone_participant_id`) REFERENCES `milestone_participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "citations_quote_check" CHECK(length(trim("citations"."quote")) > 0),
	CONSTRAINT "citations_claim_check" CHECK("citations"."claim" in ('milestone','date','status','role')),
	CONSTRAINT "citations_role_target_check" CHECK(("citations"."claim" = 'role') = ("citations"."milestone_participant_id" is not null)),
	CONSTRAINT "citations_milestone_target_check" CHECK(("citations"."claim" = 'role') = ("citations"."milestone_id" is null))
);
--> statement-breakpoint
CREATE INDEX `citations_milestone_idx` ON `citations` (`milestone_id`);--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_mp_idx` ON `citations` (`milestone_participant_id`);--> statement-breakpoint
CREATE TABLE `dependencies` (
	`predecessor_id` integer NOT NULL,
	`successor_id` integer NOT NULL,
	PRIMARY KEY(`predecessor_id`, `successor_id`),
	FOREIGN KEY (`predecessor_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`successor_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "dependencies_not_self" CHECK("dependencies"."predecessor_id" <> "dependencies"."successor_id")
);
--> statement-breakpoint
CREATE INDEX `dependencies_successor_idx` ON `dependencies` (`successor_id`);--> statement-breakpoint
CREATE TABLE `milestone_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`role` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "milestone_participants_role_check" CHECK("milestone_participants"."role" in ('lead','executor','partner','scientific_partner','curator','investor'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestone_participants_unique` ON `milestone_participants` (`milestone_id`,`participant_id`,`role`);--> statement-breakpoint
CREATE INDEX `milestone_participants_participant_idx` ON `milestone_participants` (`participant_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`title_ru` text NOT NULL,
	`title_en` text,
	`description` text DEFAULT '' NOT NULL,
	`expected_result` text DEFAULT '' NOT NULL,
	`workstream_id` integer,
	`region_id` integer,
	`site` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`planned_start` text,
	`planned_end` text,
	`planned_precision` text,
	`actual_date` text,
	`baseline_start` text,
	`baseline_end` text,
	`baseline_precision` text,
	`version` integer DEFAULT 1 NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "milestones_planned_check" CHECK(("milestones"."planned_start" is null and "milestones"."planned_end" is null and "milestones"."planned_precision" is null) or ("milestones"."planned_start" is not null and "milestones"."planned_end" is not null and "milestones"."planned_precision" is not null and "milestones"."planned_start" <= "milestones"."planned_end")),
	CONSTRAINT "milestones_status_check" CHECK("milestones"."status" in ('planned','in_progress','at_risk','delayed','done','cancelled')),
	CONSTRAINT "milestones_precision_check" CHECK("milestones"."planned_precision" is null or "milestones"."planned_precision" in ('day','month','quarter','half','year')),
	CONSTRAINT "milestones_version_check" CHECK("milestones"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestones_key_unique` ON `milestones` (`key`);--> statement-breakpoint
CREATE INDEX `milestones_workstream_idx` ON `milestones` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `milestones_region_idx` ON `milestones` (`region_id`);--> statement-breakpoint
CREATE INDEX `milestones_planned_idx` ON `milestones` (`planned_start`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`name_ru` text NOT NULL,
	`name_en` text,
	`kind` text NOT NULL,
	CONSTRAINT "participants_kind_check" CHECK("participants"."kind" in ('company','institute','university','ministry','agency','fund','regional_government','foreign_partners','person'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_key_unique` ON `participants` (`key`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_key_unique` ON `regions` (`key`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`publisher` text,
	`title` text NOT NULL,
	`published_on` text,
	`note` text,
	`url` text,
	`language` text DEFAULT 'ru' NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "sources_published_on_check" CHECK("sources"."published_on" is null or "sources"."published_on" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_key_unique` ON `sources` (`key`);--> statement-breakpoint
CREATE TABLE `workstreams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workstreams_key_unique` ON `workstreams` (`key`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled_at` text,
	`created_at` text NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('viewer','planner','admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);