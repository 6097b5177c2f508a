ALTER TABLE `reports` ADD `procedure_key` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `official_key` text;--> statement-breakpoint
ALTER TABLE `holidays` ADD `kind` text DEFAULT 'holiday' NOT NULL;--> statement-breakpoint
-- 2 May 2025 (Friday) was taken off in exchange for working Saturday 26 April.
INSERT OR IGNORE INTO holidays (date, name_vi, name_en, kind) VALUES
('2025-04-26', 'Ngày làm việc bù cho 02/5', 'Working Saturday in exchange for 2 May', 'working_day');
