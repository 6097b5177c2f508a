CREATE TABLE `measure_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`measure_id` text NOT NULL,
	`title` text NOT NULL,
	`content_type` text NOT NULL,
	`object_key` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measure_documents_measure_idx` ON `measure_documents` (`measure_id`);--> statement-breakpoint
CREATE TABLE `measure_extension_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`measure_id` text NOT NULL,
	`reason` text NOT NULL,
	`requested_due_on` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measure_extension_requests_measure_idx` ON `measure_extension_requests` (`measure_id`,`status`);--> statement-breakpoint
ALTER TABLE `users` ADD `unit_id` text REFERENCES units(id);