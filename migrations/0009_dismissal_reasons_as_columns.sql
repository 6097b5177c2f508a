-- Dismissals by reason become columns of stats_cells (issue 5, speed): the headline's
-- reasons then come from the rows already read for the totals, instead of a table
-- with a row per month, unit, category and reason. Columns first, then the counts
-- copied from stats_dismissals, then the lead triggers rewritten, then the table dropped.
ALTER TABLE `stats_cells` ADD `dismissed_not_public_service` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_insufficient_information` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_duplicate` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_outside_jurisdiction` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_handled_elsewhere` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_unfounded` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `stats_cells` ADD `dismissed_unspecified` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE INDEX `stats_durations_unit_unit_idx` ON `stats_durations_unit` (`metric`,`unit_id`,`month`);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_not_public_service = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'not_public_service'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_insufficient_information = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'insufficient_information'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_duplicate = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'duplicate'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_outside_jurisdiction = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'outside_jurisdiction'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_handled_elsewhere = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'handled_elsewhere'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_unfounded = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code = 'unfounded'), 0);
--> statement-breakpoint
UPDATE stats_cells SET dismissed_unspecified = COALESCE((SELECT SUM(d.count) FROM stats_dismissals d WHERE d.month = stats_cells.month AND d.unit_id = stats_cells.unit_id AND d.category_code = stats_cells.category_code AND d.reason_code NOT IN ('not_public_service', 'insufficient_information', 'duplicate', 'outside_jurisdiction', 'handled_elsewhere', 'unfounded')), 0);
--> statement-breakpoint
DROP TRIGGER stats_leads_ai;
--> statement-breakpoint
DROP TRIGGER stats_leads_ad;
--> statement-breakpoint
DROP TRIGGER stats_leads_au;
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
DROP TABLE `stats_dismissals`;
