-- Statistics speed (issue 5): the rollups become WITHOUT ROWID tables, so a
-- period's rows are read in primary-key order without a lookup per row, and two
-- smaller rollups are added for city-wide figures: stats_months (stats_cells
-- summed over units and categories) and stats_durations_month (the histograms
-- summed likewise), both kept by triggers on the finer tables. The stats
-- triggers are dropped while the tables are rebuilt, then created again
-- (unchanged, apart from the new tables they feed), and the new tables are
-- filled from the old ones.
DROP TRIGGER stats_durations_ai;
--> statement-breakpoint
DROP TRIGGER stats_durations_au;
--> statement-breakpoint
DROP TRIGGER stats_findings_ad;
--> statement-breakpoint
DROP TRIGGER stats_findings_ai;
--> statement-breakpoint
DROP TRIGGER stats_findings_au;
--> statement-breakpoint
DROP TRIGGER stats_inspections_ad;
--> statement-breakpoint
DROP TRIGGER stats_inspections_ai;
--> statement-breakpoint
DROP TRIGGER stats_inspections_au;
--> statement-breakpoint
DROP TRIGGER stats_leads_ad;
--> statement-breakpoint
DROP TRIGGER stats_leads_ai;
--> statement-breakpoint
DROP TRIGGER stats_leads_au;
--> statement-breakpoint
DROP TRIGGER stats_measures_ad;
--> statement-breakpoint
DROP TRIGGER stats_measures_ai;
--> statement-breakpoint
DROP TRIGGER stats_measures_au;
--> statement-breakpoint
DROP TRIGGER stats_reports_ad;
--> statement-breakpoint
DROP TRIGGER stats_reports_ai;
--> statement-breakpoint
DROP TRIGGER stats_reports_au;
--> statement-breakpoint
CREATE TABLE `stats_cells_new` (
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
	`measures_late` integer DEFAULT 0 NOT NULL, `dismissed_not_public_service` integer DEFAULT 0 NOT NULL, `dismissed_insufficient_information` integer DEFAULT 0 NOT NULL, `dismissed_duplicate` integer DEFAULT 0 NOT NULL, `dismissed_outside_jurisdiction` integer DEFAULT 0 NOT NULL, `dismissed_handled_elsewhere` integer DEFAULT 0 NOT NULL, `dismissed_unfounded` integer DEFAULT 0 NOT NULL, `dismissed_unspecified` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `unit_id`, `category_code`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `stats_cells_new` SELECT * FROM `stats_cells`;
--> statement-breakpoint
DROP TABLE `stats_cells`;
--> statement-breakpoint
ALTER TABLE `stats_cells_new` RENAME TO `stats_cells`;
--> statement-breakpoint
CREATE INDEX `stats_cells_category_idx` ON `stats_cells` (`category_code`,`month`);
--> statement-breakpoint
CREATE TABLE `stats_durations_new` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`category_code` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `unit_id`, `category_code`, `days`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `stats_durations_new` SELECT * FROM `stats_durations`;
--> statement-breakpoint
DROP TABLE `stats_durations`;
--> statement-breakpoint
ALTER TABLE `stats_durations_new` RENAME TO `stats_durations`;
--> statement-breakpoint
CREATE INDEX `stats_durations_category_idx` ON `stats_durations` (`metric`,`category_code`,`month`);
--> statement-breakpoint
CREATE TABLE `stats_durations_unit_new` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`unit_id` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `unit_id`, `days`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `stats_durations_unit_new` SELECT * FROM `stats_durations_unit`;
--> statement-breakpoint
DROP TABLE `stats_durations_unit`;
--> statement-breakpoint
ALTER TABLE `stats_durations_unit_new` RENAME TO `stats_durations_unit`;
--> statement-breakpoint
CREATE INDEX `stats_durations_unit_unit_idx` ON `stats_durations_unit` (`metric`,`unit_id`,`month`);
--> statement-breakpoint
CREATE TABLE `stats_durations_category_new` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`category_code` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `category_code`, `days`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `stats_durations_category_new` SELECT * FROM `stats_durations_category`;
--> statement-breakpoint
DROP TABLE `stats_durations_category`;
--> statement-breakpoint
ALTER TABLE `stats_durations_category_new` RENAME TO `stats_durations_category`;
--> statement-breakpoint
CREATE TABLE `stats_durations_month` (
	`metric` text NOT NULL,
	`month` text NOT NULL,
	`days` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `month`, `days`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `stats_months` (
	`month` text PRIMARY KEY NOT NULL,
	`reports` integer DEFAULT 0 NOT NULL,
	`leads` integer DEFAULT 0 NOT NULL,
	`referred` integer DEFAULT 0 NOT NULL,
	`dismissed` integer DEFAULT 0 NOT NULL,
	`dismissed_not_public_service` integer DEFAULT 0 NOT NULL,
	`dismissed_insufficient_information` integer DEFAULT 0 NOT NULL,
	`dismissed_duplicate` integer DEFAULT 0 NOT NULL,
	`dismissed_outside_jurisdiction` integer DEFAULT 0 NOT NULL,
	`dismissed_handled_elsewhere` integer DEFAULT 0 NOT NULL,
	`dismissed_unfounded` integer DEFAULT 0 NOT NULL,
	`dismissed_unspecified` integer DEFAULT 0 NOT NULL,
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
	`measures_late` integer DEFAULT 0 NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO stats_months (month, reports, leads, referred, dismissed, ack_on_time, ack_late, inspections_surprise, inspections_scheduled, inspections_verification, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify, measures_verified, measures_on_time, measures_late, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified)
  SELECT month, SUM(reports), SUM(leads), SUM(referred), SUM(dismissed), SUM(ack_on_time), SUM(ack_late), SUM(inspections_surprise), SUM(inspections_scheduled), SUM(inspections_verification), SUM(findings_substantiated), SUM(findings_partly), SUM(findings_not_substantiated), SUM(findings_could_not_verify), SUM(measures_verified), SUM(measures_on_time), SUM(measures_late), SUM(dismissed_not_public_service), SUM(dismissed_insufficient_information), SUM(dismissed_duplicate), SUM(dismissed_outside_jurisdiction), SUM(dismissed_handled_elsewhere), SUM(dismissed_unfounded), SUM(dismissed_unspecified) FROM stats_cells WHERE true GROUP BY month;
--> statement-breakpoint
INSERT INTO stats_durations_month (metric, month, days, count)
  SELECT metric, month, days, SUM(count) FROM stats_durations WHERE true GROUP BY metric, month, days;
--> statement-breakpoint
CREATE TRIGGER stats_cells_ai AFTER INSERT ON stats_cells
BEGIN
  INSERT INTO stats_months (month, reports, leads, referred, dismissed, ack_on_time, ack_late, inspections_surprise, inspections_scheduled, inspections_verification, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify, measures_verified, measures_on_time, measures_late, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified) VALUES (NEW.month, NEW.reports, NEW.leads, NEW.referred, NEW.dismissed, NEW.ack_on_time, NEW.ack_late, NEW.inspections_surprise, NEW.inspections_scheduled, NEW.inspections_verification, NEW.findings_substantiated, NEW.findings_partly, NEW.findings_not_substantiated, NEW.findings_could_not_verify, NEW.measures_verified, NEW.measures_on_time, NEW.measures_late, NEW.dismissed_not_public_service, NEW.dismissed_insufficient_information, NEW.dismissed_duplicate, NEW.dismissed_outside_jurisdiction, NEW.dismissed_handled_elsewhere, NEW.dismissed_unfounded, NEW.dismissed_unspecified)
    ON CONFLICT (month) DO UPDATE SET reports = reports + excluded.reports, leads = leads + excluded.leads, referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late, inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification, findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify, measures_verified = measures_verified + excluded.measures_verified, measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
END;
--> statement-breakpoint
CREATE TRIGGER stats_cells_au AFTER UPDATE ON stats_cells
BEGIN
  INSERT INTO stats_months (month, reports, leads, referred, dismissed, ack_on_time, ack_late, inspections_surprise, inspections_scheduled, inspections_verification, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify, measures_verified, measures_on_time, measures_late, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified) VALUES (OLD.month, -OLD.reports, -OLD.leads, -OLD.referred, -OLD.dismissed, -OLD.ack_on_time, -OLD.ack_late, -OLD.inspections_surprise, -OLD.inspections_scheduled, -OLD.inspections_verification, -OLD.findings_substantiated, -OLD.findings_partly, -OLD.findings_not_substantiated, -OLD.findings_could_not_verify, -OLD.measures_verified, -OLD.measures_on_time, -OLD.measures_late, -OLD.dismissed_not_public_service, -OLD.dismissed_insufficient_information, -OLD.dismissed_duplicate, -OLD.dismissed_outside_jurisdiction, -OLD.dismissed_handled_elsewhere, -OLD.dismissed_unfounded, -OLD.dismissed_unspecified)
    ON CONFLICT (month) DO UPDATE SET reports = reports + excluded.reports, leads = leads + excluded.leads, referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late, inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification, findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify, measures_verified = measures_verified + excluded.measures_verified, measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
  INSERT INTO stats_months (month, reports, leads, referred, dismissed, ack_on_time, ack_late, inspections_surprise, inspections_scheduled, inspections_verification, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify, measures_verified, measures_on_time, measures_late, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified) VALUES (NEW.month, NEW.reports, NEW.leads, NEW.referred, NEW.dismissed, NEW.ack_on_time, NEW.ack_late, NEW.inspections_surprise, NEW.inspections_scheduled, NEW.inspections_verification, NEW.findings_substantiated, NEW.findings_partly, NEW.findings_not_substantiated, NEW.findings_could_not_verify, NEW.measures_verified, NEW.measures_on_time, NEW.measures_late, NEW.dismissed_not_public_service, NEW.dismissed_insufficient_information, NEW.dismissed_duplicate, NEW.dismissed_outside_jurisdiction, NEW.dismissed_handled_elsewhere, NEW.dismissed_unfounded, NEW.dismissed_unspecified)
    ON CONFLICT (month) DO UPDATE SET reports = reports + excluded.reports, leads = leads + excluded.leads, referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late, inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification, findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify, measures_verified = measures_verified + excluded.measures_verified, measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
END;
--> statement-breakpoint
CREATE TRIGGER stats_cells_ad AFTER DELETE ON stats_cells
BEGIN
  INSERT INTO stats_months (month, reports, leads, referred, dismissed, ack_on_time, ack_late, inspections_surprise, inspections_scheduled, inspections_verification, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify, measures_verified, measures_on_time, measures_late, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified) VALUES (OLD.month, -OLD.reports, -OLD.leads, -OLD.referred, -OLD.dismissed, -OLD.ack_on_time, -OLD.ack_late, -OLD.inspections_surprise, -OLD.inspections_scheduled, -OLD.inspections_verification, -OLD.findings_substantiated, -OLD.findings_partly, -OLD.findings_not_substantiated, -OLD.findings_could_not_verify, -OLD.measures_verified, -OLD.measures_on_time, -OLD.measures_late, -OLD.dismissed_not_public_service, -OLD.dismissed_insufficient_information, -OLD.dismissed_duplicate, -OLD.dismissed_outside_jurisdiction, -OLD.dismissed_handled_elsewhere, -OLD.dismissed_unfounded, -OLD.dismissed_unspecified)
    ON CONFLICT (month) DO UPDATE SET reports = reports + excluded.reports, leads = leads + excluded.leads, referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late, inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification, findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify, measures_verified = measures_verified + excluded.measures_verified, measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
END;
--> statement-breakpoint
CREATE TRIGGER stats_durations_ai AFTER INSERT ON stats_durations
BEGIN
  INSERT INTO stats_durations_unit (metric, month, unit_id, days, count) VALUES (NEW.metric, NEW.month, NEW.unit_id, NEW.days, NEW.count)
    ON CONFLICT (metric, month, unit_id, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_category (metric, month, category_code, days, count) VALUES (NEW.metric, NEW.month, NEW.category_code, NEW.days, NEW.count)
    ON CONFLICT (metric, month, category_code, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_month (metric, month, days, count) VALUES (NEW.metric, NEW.month, NEW.days, NEW.count)
    ON CONFLICT (metric, month, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_durations_au AFTER UPDATE OF count ON stats_durations
BEGIN
  INSERT INTO stats_durations_unit (metric, month, unit_id, days, count) VALUES (NEW.metric, NEW.month, NEW.unit_id, NEW.days, NEW.count - OLD.count)
    ON CONFLICT (metric, month, unit_id, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_category (metric, month, category_code, days, count) VALUES (NEW.metric, NEW.month, NEW.category_code, NEW.days, NEW.count - OLD.count)
    ON CONFLICT (metric, month, category_code, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_month (metric, month, days, count) VALUES (NEW.metric, NEW.month, NEW.days, NEW.count - OLD.count)
    ON CONFLICT (metric, month, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_reports_ai AFTER INSERT ON reports
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, reports)
  SELECT strftime('%Y-%m', NEW.received_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    1
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET reports = reports + excluded.reports;
END;
--> statement-breakpoint
CREATE TRIGGER stats_reports_ad AFTER DELETE ON reports
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, reports)
  SELECT strftime('%Y-%m', OLD.received_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -(1)
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET reports = reports + excluded.reports;
END;
--> statement-breakpoint
CREATE TRIGGER stats_reports_au AFTER UPDATE OF unit_id, category_code, received_at ON reports
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.category_code IS NOT NEW.category_code OR OLD.received_at IS NOT NEW.received_at
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, reports)
  SELECT strftime('%Y-%m', OLD.received_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -(1)
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET reports = reports + excluded.reports;
INSERT INTO stats_cells (month, unit_id, category_code, reports)
  SELECT strftime('%Y-%m', NEW.received_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    1
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET reports = reports + excluded.reports;
END;
--> statement-breakpoint
CREATE TRIGGER stats_leads_ai AFTER INSERT ON leads
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, leads, ack_on_time, ack_late)
  SELECT strftime('%Y-%m', NEW.opened_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    1,
    (NEW.acknowledged_at IS NOT NULL AND NEW.acknowledged_at <= NEW.ack_due_at),
    ((NEW.acknowledged_at IS NOT NULL AND NEW.acknowledged_at > NEW.ack_due_at) OR (NEW.acknowledged_at IS NULL AND NEW.overdue_since IS NOT NULL))
  WHERE NEW.status <> 'merged'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET leads = leads + excluded.leads, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late;
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    (NEW.status IN ('referred', 'concluded')),
    (NEW.status = 'dismissed'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'not_public_service'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'insufficient_information'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'duplicate'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'outside_jurisdiction'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'handled_elsewhere'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'unfounded'),
    (NEW.status = 'dismissed' AND (NEW.dismissal_reason_code IS NULL OR NEW.dismissal_reason_code NOT IN ('not_public_service', 'insufficient_information', 'duplicate', 'outside_jurisdiction', 'handled_elsewhere', 'unfounded')))
  WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'first_response',
    strftime('%Y-%m', NEW.acknowledged_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.acknowledged_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(NEW.opened_at, '+7 hours'))), 0),
    1
  WHERE NEW.acknowledged_at IS NOT NULL AND NEW.status <> 'merged'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.decided_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(NEW.opened_at, '+7 hours'))), 0),
    1
  WHERE NEW.decided_at IS NOT NULL AND NEW.status = 'dismissed'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_leads_ad AFTER DELETE ON leads
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, leads, ack_on_time, ack_late)
  SELECT strftime('%Y-%m', OLD.opened_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -(1),
    -((OLD.acknowledged_at IS NOT NULL AND OLD.acknowledged_at <= OLD.ack_due_at)),
    -(((OLD.acknowledged_at IS NOT NULL AND OLD.acknowledged_at > OLD.ack_due_at) OR (OLD.acknowledged_at IS NULL AND OLD.overdue_since IS NOT NULL)))
  WHERE OLD.status <> 'merged'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET leads = leads + excluded.leads, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late;
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -((OLD.status IN ('referred', 'concluded'))),
    -((OLD.status = 'dismissed')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'not_public_service')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'insufficient_information')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'duplicate')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'outside_jurisdiction')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'handled_elsewhere')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'unfounded')),
    -((OLD.status = 'dismissed' AND (OLD.dismissal_reason_code IS NULL OR OLD.dismissal_reason_code NOT IN ('not_public_service', 'insufficient_information', 'duplicate', 'outside_jurisdiction', 'handled_elsewhere', 'unfounded'))))
  WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'first_response',
    strftime('%Y-%m', OLD.acknowledged_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.acknowledged_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(OLD.opened_at, '+7 hours'))), 0),
    -(1)
  WHERE OLD.acknowledged_at IS NOT NULL AND OLD.status <> 'merged'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.decided_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(OLD.opened_at, '+7 hours'))), 0),
    -(1)
  WHERE OLD.decided_at IS NOT NULL AND OLD.status = 'dismissed'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_leads_au AFTER UPDATE OF status, opened_at, unit_id, category_code, acknowledged_at, ack_due_at, overdue_since, decided_at, dismissal_reason_code ON leads
WHEN OLD.status IS NOT NEW.status OR OLD.opened_at IS NOT NEW.opened_at OR OLD.unit_id IS NOT NEW.unit_id OR OLD.category_code IS NOT NEW.category_code OR OLD.acknowledged_at IS NOT NEW.acknowledged_at OR OLD.ack_due_at IS NOT NEW.ack_due_at OR OLD.overdue_since IS NOT NEW.overdue_since OR OLD.decided_at IS NOT NEW.decided_at OR OLD.dismissal_reason_code IS NOT NEW.dismissal_reason_code
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, leads, ack_on_time, ack_late)
  SELECT strftime('%Y-%m', OLD.opened_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -(1),
    -((OLD.acknowledged_at IS NOT NULL AND OLD.acknowledged_at <= OLD.ack_due_at)),
    -(((OLD.acknowledged_at IS NOT NULL AND OLD.acknowledged_at > OLD.ack_due_at) OR (OLD.acknowledged_at IS NULL AND OLD.overdue_since IS NOT NULL)))
  WHERE OLD.status <> 'merged'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET leads = leads + excluded.leads, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late;
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -((OLD.status IN ('referred', 'concluded'))),
    -((OLD.status = 'dismissed')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'not_public_service')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'insufficient_information')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'duplicate')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'outside_jurisdiction')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'handled_elsewhere')),
    -((OLD.status = 'dismissed' AND OLD.dismissal_reason_code IS 'unfounded')),
    -((OLD.status = 'dismissed' AND (OLD.dismissal_reason_code IS NULL OR OLD.dismissal_reason_code NOT IN ('not_public_service', 'insufficient_information', 'duplicate', 'outside_jurisdiction', 'handled_elsewhere', 'unfounded'))))
  WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'first_response',
    strftime('%Y-%m', OLD.acknowledged_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.acknowledged_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(OLD.opened_at, '+7 hours'))), 0),
    -(1)
  WHERE OLD.acknowledged_at IS NOT NULL AND OLD.status <> 'merged'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.decided_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(OLD.opened_at, '+7 hours'))), 0),
    -(1)
  WHERE OLD.decided_at IS NOT NULL AND OLD.status = 'dismissed'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_cells (month, unit_id, category_code, leads, ack_on_time, ack_late)
  SELECT strftime('%Y-%m', NEW.opened_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    1,
    (NEW.acknowledged_at IS NOT NULL AND NEW.acknowledged_at <= NEW.ack_due_at),
    ((NEW.acknowledged_at IS NOT NULL AND NEW.acknowledged_at > NEW.ack_due_at) OR (NEW.acknowledged_at IS NULL AND NEW.overdue_since IS NOT NULL))
  WHERE NEW.status <> 'merged'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET leads = leads + excluded.leads, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late;
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed, dismissed_not_public_service, dismissed_insufficient_information, dismissed_duplicate, dismissed_outside_jurisdiction, dismissed_handled_elsewhere, dismissed_unfounded, dismissed_unspecified)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    (NEW.status IN ('referred', 'concluded')),
    (NEW.status = 'dismissed'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'not_public_service'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'insufficient_information'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'duplicate'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'outside_jurisdiction'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'handled_elsewhere'),
    (NEW.status = 'dismissed' AND NEW.dismissal_reason_code IS 'unfounded'),
    (NEW.status = 'dismissed' AND (NEW.dismissal_reason_code IS NULL OR NEW.dismissal_reason_code NOT IN ('not_public_service', 'insufficient_information', 'duplicate', 'outside_jurisdiction', 'handled_elsewhere', 'unfounded')))
  WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed, dismissed_not_public_service = dismissed_not_public_service + excluded.dismissed_not_public_service, dismissed_insufficient_information = dismissed_insufficient_information + excluded.dismissed_insufficient_information, dismissed_duplicate = dismissed_duplicate + excluded.dismissed_duplicate, dismissed_outside_jurisdiction = dismissed_outside_jurisdiction + excluded.dismissed_outside_jurisdiction, dismissed_handled_elsewhere = dismissed_handled_elsewhere + excluded.dismissed_handled_elsewhere, dismissed_unfounded = dismissed_unfounded + excluded.dismissed_unfounded, dismissed_unspecified = dismissed_unspecified + excluded.dismissed_unspecified;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'first_response',
    strftime('%Y-%m', NEW.acknowledged_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.acknowledged_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(NEW.opened_at, '+7 hours'))), 0),
    1
  WHERE NEW.acknowledged_at IS NOT NULL AND NEW.status <> 'merged'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.decided_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(NEW.opened_at, '+7 hours'))), 0),
    1
  WHERE NEW.decided_at IS NOT NULL AND NEW.status = 'dismissed'
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_findings_ai AFTER INSERT ON findings
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify)
  SELECT strftime('%Y-%m', NEW.recorded_at, '+7 hours'),
    NEW.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = NEW.lead_id),
    (NEW.outcome = 'substantiated'),
    (NEW.outcome = 'partly_substantiated'),
    (NEW.outcome = 'not_substantiated'),
    (NEW.outcome = 'could_not_verify')
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', NEW.recorded_at, '+7 hours'),
    NEW.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = NEW.lead_id),
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.recorded_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date((SELECT l.opened_at FROM leads l WHERE l.id = NEW.lead_id), '+7 hours'))), 0),
    1
  WHERE 1
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_findings_ad AFTER DELETE ON findings
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify)
  SELECT strftime('%Y-%m', OLD.recorded_at, '+7 hours'),
    OLD.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = OLD.lead_id),
    -((OLD.outcome = 'substantiated')),
    -((OLD.outcome = 'partly_substantiated')),
    -((OLD.outcome = 'not_substantiated')),
    -((OLD.outcome = 'could_not_verify'))
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', OLD.recorded_at, '+7 hours'),
    OLD.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = OLD.lead_id),
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.recorded_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date((SELECT l.opened_at FROM leads l WHERE l.id = OLD.lead_id), '+7 hours'))), 0),
    -(1)
  WHERE 1
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_findings_au AFTER UPDATE OF outcome, recorded_at, unit_id, lead_id ON findings
WHEN OLD.outcome IS NOT NEW.outcome OR OLD.recorded_at IS NOT NEW.recorded_at OR OLD.unit_id IS NOT NEW.unit_id OR OLD.lead_id IS NOT NEW.lead_id
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify)
  SELECT strftime('%Y-%m', OLD.recorded_at, '+7 hours'),
    OLD.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = OLD.lead_id),
    -((OLD.outcome = 'substantiated')),
    -((OLD.outcome = 'partly_substantiated')),
    -((OLD.outcome = 'not_substantiated')),
    -((OLD.outcome = 'could_not_verify'))
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', OLD.recorded_at, '+7 hours'),
    OLD.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = OLD.lead_id),
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(OLD.recorded_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date((SELECT l.opened_at FROM leads l WHERE l.id = OLD.lead_id), '+7 hours'))), 0),
    -(1)
  WHERE 1
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
INSERT INTO stats_cells (month, unit_id, category_code, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify)
  SELECT strftime('%Y-%m', NEW.recorded_at, '+7 hours'),
    NEW.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = NEW.lead_id),
    (NEW.outcome = 'substantiated'),
    (NEW.outcome = 'partly_substantiated'),
    (NEW.outcome = 'not_substantiated'),
    (NEW.outcome = 'could_not_verify')
  WHERE 1
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify;
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', NEW.recorded_at, '+7 hours'),
    NEW.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = NEW.lead_id),
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(NEW.recorded_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date((SELECT l.opened_at FROM leads l WHERE l.id = NEW.lead_id), '+7 hours'))), 0),
    1
  WHERE 1
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_inspections_ai AFTER INSERT ON inspections
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, inspections_surprise, inspections_scheduled, inspections_verification)
  SELECT strftime('%Y-%m', NEW.started_at, '+7 hours'),
    NEW.unit_id,
    '',
    (NEW.type = 'surprise'),
    (NEW.type = 'scheduled'),
    (NEW.type = 'verification')
  WHERE NEW.started_at IS NOT NULL AND NEW.status <> 'cancelled'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification;
END;
--> statement-breakpoint
CREATE TRIGGER stats_inspections_ad AFTER DELETE ON inspections
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, inspections_surprise, inspections_scheduled, inspections_verification)
  SELECT strftime('%Y-%m', OLD.started_at, '+7 hours'),
    OLD.unit_id,
    '',
    -((OLD.type = 'surprise')),
    -((OLD.type = 'scheduled')),
    -((OLD.type = 'verification'))
  WHERE OLD.started_at IS NOT NULL AND OLD.status <> 'cancelled'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification;
END;
--> statement-breakpoint
CREATE TRIGGER stats_inspections_au AFTER UPDATE OF type, status, started_at, unit_id ON inspections
WHEN OLD.type IS NOT NEW.type OR OLD.status IS NOT NEW.status OR OLD.started_at IS NOT NEW.started_at OR OLD.unit_id IS NOT NEW.unit_id
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, inspections_surprise, inspections_scheduled, inspections_verification)
  SELECT strftime('%Y-%m', OLD.started_at, '+7 hours'),
    OLD.unit_id,
    '',
    -((OLD.type = 'surprise')),
    -((OLD.type = 'scheduled')),
    -((OLD.type = 'verification'))
  WHERE OLD.started_at IS NOT NULL AND OLD.status <> 'cancelled'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification;
INSERT INTO stats_cells (month, unit_id, category_code, inspections_surprise, inspections_scheduled, inspections_verification)
  SELECT strftime('%Y-%m', NEW.started_at, '+7 hours'),
    NEW.unit_id,
    '',
    (NEW.type = 'surprise'),
    (NEW.type = 'scheduled'),
    (NEW.type = 'verification')
  WHERE NEW.started_at IS NOT NULL AND NEW.status <> 'cancelled'
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification;
END;
--> statement-breakpoint
CREATE TRIGGER stats_measures_ai AFTER INSERT ON measures
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, measures_verified)
  SELECT strftime('%Y-%m', NEW.verified_at, '+7 hours'),
    NEW.responsible_unit_id,
    '',
    1
  WHERE NEW.status = 'verified' AND NEW.verified_at IS NOT NULL
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_verified = measures_verified + excluded.measures_verified;
INSERT INTO stats_cells (month, unit_id, category_code, measures_on_time, measures_late)
  SELECT strftime('%Y-%m', NEW.deadline, '+7 hours'),
    NEW.responsible_unit_id,
    '',
    (NEW.status = 'verified' AND COALESCE(NEW.verified_on_time, 0) = 1),
    ((NEW.status = 'verified' AND COALESCE(NEW.verified_on_time, 0) = 0) OR (NEW.status <> 'verified' AND NEW.overdue_since IS NOT NULL))
  WHERE (NEW.status = 'verified' OR NEW.overdue_since IS NOT NULL)
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late;
END;
--> statement-breakpoint
CREATE TRIGGER stats_measures_ad AFTER DELETE ON measures
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, measures_verified)
  SELECT strftime('%Y-%m', OLD.verified_at, '+7 hours'),
    OLD.responsible_unit_id,
    '',
    -(1)
  WHERE OLD.status = 'verified' AND OLD.verified_at IS NOT NULL
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_verified = measures_verified + excluded.measures_verified;
INSERT INTO stats_cells (month, unit_id, category_code, measures_on_time, measures_late)
  SELECT strftime('%Y-%m', OLD.deadline, '+7 hours'),
    OLD.responsible_unit_id,
    '',
    -((OLD.status = 'verified' AND COALESCE(OLD.verified_on_time, 0) = 1)),
    -(((OLD.status = 'verified' AND COALESCE(OLD.verified_on_time, 0) = 0) OR (OLD.status <> 'verified' AND OLD.overdue_since IS NOT NULL)))
  WHERE (OLD.status = 'verified' OR OLD.overdue_since IS NOT NULL)
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late;
END;
--> statement-breakpoint
CREATE TRIGGER stats_measures_au AFTER UPDATE OF status, verified_at, verified_on_time, overdue_since, deadline, responsible_unit_id ON measures
WHEN OLD.status IS NOT NEW.status OR OLD.verified_at IS NOT NEW.verified_at OR OLD.verified_on_time IS NOT NEW.verified_on_time OR OLD.overdue_since IS NOT NEW.overdue_since OR OLD.deadline IS NOT NEW.deadline OR OLD.responsible_unit_id IS NOT NEW.responsible_unit_id
BEGIN
INSERT INTO stats_cells (month, unit_id, category_code, measures_verified)
  SELECT strftime('%Y-%m', OLD.verified_at, '+7 hours'),
    OLD.responsible_unit_id,
    '',
    -(1)
  WHERE OLD.status = 'verified' AND OLD.verified_at IS NOT NULL
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_verified = measures_verified + excluded.measures_verified;
INSERT INTO stats_cells (month, unit_id, category_code, measures_on_time, measures_late)
  SELECT strftime('%Y-%m', OLD.deadline, '+7 hours'),
    OLD.responsible_unit_id,
    '',
    -((OLD.status = 'verified' AND COALESCE(OLD.verified_on_time, 0) = 1)),
    -(((OLD.status = 'verified' AND COALESCE(OLD.verified_on_time, 0) = 0) OR (OLD.status <> 'verified' AND OLD.overdue_since IS NOT NULL)))
  WHERE (OLD.status = 'verified' OR OLD.overdue_since IS NOT NULL)
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late;
INSERT INTO stats_cells (month, unit_id, category_code, measures_verified)
  SELECT strftime('%Y-%m', NEW.verified_at, '+7 hours'),
    NEW.responsible_unit_id,
    '',
    1
  WHERE NEW.status = 'verified' AND NEW.verified_at IS NOT NULL
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_verified = measures_verified + excluded.measures_verified;
INSERT INTO stats_cells (month, unit_id, category_code, measures_on_time, measures_late)
  SELECT strftime('%Y-%m', NEW.deadline, '+7 hours'),
    NEW.responsible_unit_id,
    '',
    (NEW.status = 'verified' AND COALESCE(NEW.verified_on_time, 0) = 1),
    ((NEW.status = 'verified' AND COALESCE(NEW.verified_on_time, 0) = 0) OR (NEW.status <> 'verified' AND NEW.overdue_since IS NOT NULL))
  WHERE (NEW.status = 'verified' OR NEW.overdue_since IS NOT NULL)
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late;
END;
