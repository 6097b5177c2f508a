CREATE TABLE `stats_cells` (
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`reports` integer DEFAULT 0 NOT NULL,
	`leads` integer DEFAULT 0 NOT NULL,
	`referred` integer DEFAULT 0 NOT NULL,
	`dismissed` integer DEFAULT 0 NOT NULL,
	`ack_on_time` integer DEFAULT 0 NOT NULL,
	`ack_late` integer DEFAULT 0 NOT NULL,
	`inspections_surprise` integer DEFAULT 0 NOT NULL,
	`inspections_scheduled` integer DEFAULT 0 NOT NULL,
	`inspections_verification` integer DEFAULT 0 NOT NULL,
	`findings_substantiated` integer DEFAULT 0 NOT NULL,
	`findings_partly` integer DEFAULT 0 NOT NULL,
	`findings_not_substantiated` integer DEFAULT 0 NOT NULL,
	`findings_could_not_verify` integer DEFAULT 0 NOT NULL,
	`measures_verified` integer DEFAULT 0 NOT NULL,
	`measures_on_time` integer DEFAULT 0 NOT NULL,
	`measures_late` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `unit_id`, `category_code`)
);
--> statement-breakpoint
CREATE INDEX `stats_cells_category_idx` ON `stats_cells` (`category_code`,`month`);--> statement-breakpoint
CREATE TABLE `stats_dismissals` (
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`reason_code` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `unit_id`, `category_code`, `reason_code`)
);
--> statement-breakpoint
CREATE TABLE `stats_durations` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `unit_id`, `category_code`, `days`)
);
--> statement-breakpoint
CREATE INDEX `stats_durations_category_idx` ON `stats_durations` (`metric`,`category_code`,`month`);--> statement-breakpoint
CREATE TABLE `stats_durations_category` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`category_code` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `category_code`, `days`)
);
--> statement-breakpoint
CREATE TABLE `stats_durations_unit` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `unit_id`, `days`)
);
--> statement-breakpoint
CREATE TABLE `work_calendar` (
	`date` text PRIMARY KEY NOT NULL,
	`working` integer NOT NULL,
	`n` integer NOT NULL
);
