ALTER TABLE `reports` ADD `channel` text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `entered_by` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `entered_at` text;--> statement-breakpoint
ALTER TABLE `unit_aliases` ADD `old_code` text;--> statement-breakpoint
ALTER TABLE `unit_aliases` ADD `partial` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `unit_aliases_name_folded_idx` ON `unit_aliases` (`name_folded`);--> statement-breakpoint
ALTER TABLE `units` ADD `code` text;--> statement-breakpoint
ALTER TABLE `units` ADD `to_confirm` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_idx` ON `units` (`code`);--> statement-breakpoint
ALTER TABLE `holidays` ADD `provisional` integer DEFAULT false NOT NULL;