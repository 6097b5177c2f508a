CREATE TABLE `login_throttles` (
	`bucket` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_unit_ties` (
	`user_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `unit_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`totp_iv` text,
	`totp_ciphertext` text,
	`totp_enabled_at` text,
	`totp_last_step` integer,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_kind` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_target_idx` ON `audit_log` (`target_type`,`target_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_notes_lead_idx` ON `lead_notes` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`priority` real DEFAULT 0 NOT NULL,
	`score_factors` text DEFAULT '[]' NOT NULL,
	`severity` integer NOT NULL,
	`report_count` integer DEFAULT 1 NOT NULL,
	`evidence_count` integer DEFAULT 0 NOT NULL,
	`business_harm` integer DEFAULT false NOT NULL,
	`eligible` integer DEFAULT false NOT NULL,
	`opened_at` text NOT NULL,
	`last_report_at` text NOT NULL,
	`ack_due_at` text NOT NULL,
	`acknowledged_at` text,
	`due_at` text NOT NULL,
	`decided_at` text,
	`overdue_since` text,
	`assignee_id` text,
	`proposed_by` text,
	`dismissal_reason` text,
	`dismissal_reason_code` text,
	`merged_into` text,
	`procedure_key` text,
	`official_key` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_code`) REFERENCES `categories`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leads_priority_idx` ON `leads` (`priority`,`id`);--> statement-breakpoint
CREATE INDEX `leads_unit_status_idx` ON `leads` (`unit_id`,`status`,`last_report_at`);--> statement-breakpoint
CREATE INDEX `leads_status_priority_idx` ON `leads` (`status`,`priority`);--> statement-breakpoint
CREATE INDEX `leads_overdue_idx` ON `leads` (`overdue_since`);--> statement-breakpoint
ALTER TABLE `reports` ADD `lead_id` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `suggested_category` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `severity` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `eligible` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `description_folded` text;--> statement-breakpoint
CREATE INDEX `reports_lead_idx` ON `reports` (`lead_id`);