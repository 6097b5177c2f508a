CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`stored_sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_report_idx` ON `attachments` (`report_id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`code` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`description_vi` text NOT NULL,
	`description_en` text NOT NULL,
	`severity` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`bucket` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`bucket`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `report_events` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`at` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_events_report_idx` ON `report_events` (`report_id`,`at`);--> statement-breakpoint
CREATE TABLE `report_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`sender` text NOT NULL,
	`author_user_id` text,
	`body` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_messages_report_idx` ON `report_messages` (`report_id`,`at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`tracking_code` text NOT NULL,
	`secret_hash` text NOT NULL,
	`track` text NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`description` text NOT NULL,
	`occurred_on` text,
	`procedure` text,
	`official_hint` text,
	`reporter_kind` text NOT NULL,
	`contact_iv` text,
	`contact_ciphertext` text,
	`status` text DEFAULT 'received' NOT NULL,
	`received_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_code`) REFERENCES `categories`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_tracking_code_idx` ON `reports` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `reports_unit_idx` ON `reports` (`unit_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `reports_received_idx` ON `reports` (`received_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_aliases` (
	`unit_id` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`valid_to` text,
	PRIMARY KEY(`unit_id`, `name`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`sector` text,
	`successor_id` text,
	`valid_from` text,
	`valid_to` text,
	`is_sample` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_name_folded_idx` ON `units` (`name_folded`);--> statement-breakpoint
CREATE TABLE `used_challenges` (
	`signature` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
