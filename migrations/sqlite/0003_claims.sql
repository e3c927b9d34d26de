CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`kind` text NOT NULL,
	`citation_id` integer NOT NULL,
	`stated_on` text,
	`planned_start` text,
	`planned_end` text,
	`planned_precision` text,
	`qualifier` text,
	`status` text,
	`rank` text NOT NULL,
	`rank_reason` text,
	`current_since` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`citation_id`) REFERENCES `citations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "claims_kind_check" CHECK("claims"."kind" in ('date','status')),
	CONSTRAINT "claims_rank_check" CHECK("claims"."rank" in ('current','other','superseded')),
	CONSTRAINT "claims_qualifier_check" CHECK("claims"."qualifier" is null or "claims"."qualifier" in ('exact','approximate','no_later_than','no_earlier_than')),
	CONSTRAINT "claims_status_check" CHECK("claims"."status" is null or "claims"."status" in ('planned','in_progress','at_risk','delayed','done','cancelled')),
	CONSTRAINT "claims_precision_check" CHECK("claims"."planned_precision" is null or "claims"."planned_precision" in ('day','month','quarter','half','year')),
	CONSTRAINT "claims_shape_check" CHECK(("claims"."kind" = 'date' and "claims"."planned_start" is not null and "claims"."planned_end" is not null and "claims"."planned_precision" is not null and "claims"."qualifier" is not null and "claims"."status" is null and "claims"."planned_start" <= "claims"."planned_end") or ("claims"."kind" = 'status' and "claims"."status" is not null and "claims"."planned_start" is null and "claims"."planned_end" is null and "claims"."planned_precision" is null and "claims"."qualifier" is null))
);
--> statement-breakpoint
CREATE INDEX `claims_milestone_idx` ON `claims` (`milestone_id`,`kind`);--> statement-breakpoint
ALTER TABLE `sources` ADD `kind` text DEFAULT 'unknown' NOT NULL;