CREATE TABLE `deadline_extensions` (
	`id` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`previous_due_on` text NOT NULL,
	`new_due_on` text NOT NULL,
	`working_days` integer,
	`reason` text NOT NULL,
	`granted_by` text NOT NULL,
	`granted_at` text NOT NULL,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deadline_extensions_target_idx` ON `deadline_extensions` (`target_type`,`target_id`,`granted_at`);--> statement-breakpoint
DROP INDEX `findings_lead_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `findings_inspection_lead_idx` ON `findings` (`inspection_id`,`lead_id`);--> statement-breakpoint
CREATE INDEX `findings_by_lead_idx` ON `findings` (`lead_id`,`recorded_at`);--> statement-breakpoint
DROP INDEX `inspection_leads_lead_idx`;--> statement-breakpoint
CREATE INDEX `inspection_leads_by_lead_idx` ON `inspection_leads` (`lead_id`);