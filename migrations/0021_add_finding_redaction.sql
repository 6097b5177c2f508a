ALTER TABLE `findings` ADD `public_summary_original` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `public_summary_redaction` text;