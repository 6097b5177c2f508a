CREATE TABLE `write_guards` (
	`id` text PRIMARY KEY NOT NULL,
	`ok` integer NOT NULL,
	CONSTRAINT "write_guards_ok" CHECK("write_guards"."ok" = 1)
);
