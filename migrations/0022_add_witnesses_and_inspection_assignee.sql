ALTER TABLE `inspections` ADD `assignee_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reports` ADD `witness_key` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `independent_reports` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Existing leads: every report counted as independent, as before; new reports are compared as they come.
UPDATE `leads` SET `independent_reports` = `report_count`;
