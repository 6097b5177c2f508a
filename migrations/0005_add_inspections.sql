CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`inspection_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reasoning` text NOT NULL,
	`public_summary` text NOT NULL,
	`position` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_lead_idx` ON `findings` (`lead_id`);--> statement-breakpoint
CREATE INDEX `findings_unit_idx` ON `findings` (`unit_id`,`outcome`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `inspection_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`inspection_id` text NOT NULL,
	`title` text NOT NULL,
	`object_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_documents_inspection_idx` ON `inspection_documents` (`inspection_id`);--> statement-breakpoint
CREATE TABLE `inspection_leads` (
	`inspection_id` text NOT NULL,
	`lead_id` text NOT NULL,
	PRIMARY KEY(`inspection_id`, `lead_id`),
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_leads_lead_idx` ON `inspection_leads` (`lead_id`);--> statement-breakpoint
CREATE TABLE `inspection_members` (
	`inspection_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`inspection_id`, `user_id`),
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_members_user_idx` ON `inspection_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`unit_id` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`year` integer NOT NULL,
	`planned_start` text NOT NULL,
	`planned_end` text NOT NULL,
	`scope` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`started_at` text,
	`conclusion` text,
	`recommendations` text,
	`guidance` text,
	`concluded_at` text,
	`concluded_by` text,
	`closed_at` text,
	`cancelled_reason` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_unit_year_idx` ON `inspections` (`unit_id`,`year`,`type`);--> statement-breakpoint
CREATE INDEX `inspections_status_idx` ON `inspections` (`status`,`planned_start`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` text PRIMARY KEY NOT NULL,
	`inspection_id` text NOT NULL,
	`responsible_unit_id` text NOT NULL,
	`description` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`response` text,
	`responded_at` text,
	`verified_at` text,
	`verified_by` text,
	`verified_on_time` integer,
	`overdue_since` text,
	`last_escalated_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measures_inspection_idx` ON `measures` (`inspection_id`);--> statement-breakpoint
CREATE INDEX `measures_status_deadline_idx` ON `measures` (`status`,`deadline`);--> statement-breakpoint
CREATE TABLE `outcome_contests` (
	`report_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reports` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `outcome_summary` text;