-- Rollups for the public statistics (issue 5), kept by triggers in the same
-- statement (hence the same D1 batch) as every write to the counted tables.
-- Each trigger adds a row's contributions (INSERT), removes them (DELETE), or
-- removes the old row's and adds the new row's (UPDATE of a counted column),
-- so the rollups always equal a recount from the raw tables; the recount
-- itself is the backfill at the end of this file.

-- Working-day calendar: n(date) = working days up to and including date, so
-- working days d with a < d <= b are n(b) - n(a), as workingDaysBetween.
INSERT INTO work_calendar (date, working, n)
WITH RECURSIVE days(d) AS (
  SELECT '2000-01-01' UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < '2060-12-31'
),
flags AS (
  SELECT d, CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = d AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', d) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = d AND h.kind = 'working_day')
    ELSE 1 END AS working
  FROM days
)
SELECT d, working, SUM(working) OVER (ORDER BY d) FROM flags WHERE true;
--> statement-breakpoint
-- A holiday added, removed or moved shifts the working-day counts after it.
CREATE TRIGGER work_calendar_holiday_ai AFTER INSERT ON holidays
BEGIN
  UPDATE work_calendar SET n = n + ((CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', NEW.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'working_day')
    ELSE 1 END) - (SELECT c.working FROM work_calendar c WHERE c.date = NEW.date)) WHERE date >= NEW.date;
  UPDATE work_calendar SET working = (CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', NEW.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'working_day')
    ELSE 1 END) WHERE date = NEW.date;
END;
--> statement-breakpoint
CREATE TRIGGER work_calendar_holiday_ad AFTER DELETE ON holidays
BEGIN
  UPDATE work_calendar SET n = n + ((CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', OLD.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'working_day')
    ELSE 1 END) - (SELECT c.working FROM work_calendar c WHERE c.date = OLD.date)) WHERE date >= OLD.date;
  UPDATE work_calendar SET working = (CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', OLD.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'working_day')
    ELSE 1 END) WHERE date = OLD.date;
END;
--> statement-breakpoint
CREATE TRIGGER work_calendar_holiday_au AFTER UPDATE ON holidays
BEGIN
  UPDATE work_calendar SET n = n + ((CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', OLD.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'working_day')
    ELSE 1 END) - (SELECT c.working FROM work_calendar c WHERE c.date = OLD.date)) WHERE date >= OLD.date;
  UPDATE work_calendar SET working = (CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', OLD.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = OLD.date AND h.kind = 'working_day')
    ELSE 1 END) WHERE date = OLD.date;
  UPDATE work_calendar SET n = n + ((CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', NEW.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'working_day')
    ELSE 1 END) - (SELECT c.working FROM work_calendar c WHERE c.date = NEW.date)) WHERE date >= NEW.date;
  UPDATE work_calendar SET working = (CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', NEW.date) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = NEW.date AND h.kind = 'working_day')
    ELSE 1 END) WHERE date = NEW.date;
END;
--> statement-breakpoint
-- The coarser duration histograms follow the fine one.
CREATE TRIGGER stats_durations_ai AFTER INSERT ON stats_durations
BEGIN
  INSERT INTO stats_durations_unit (metric, month, unit_id, days, count) VALUES (NEW.metric, NEW.month, NEW.unit_id, NEW.days, NEW.count)
    ON CONFLICT (metric, month, unit_id, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_category (metric, month, category_code, days, count) VALUES (NEW.metric, NEW.month, NEW.category_code, NEW.days, NEW.count)
    ON CONFLICT (metric, month, category_code, days) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER stats_durations_au AFTER UPDATE OF count ON stats_durations
BEGIN
  INSERT INTO stats_durations_unit (metric, month, unit_id, days, count) VALUES (NEW.metric, NEW.month, NEW.unit_id, NEW.days, NEW.count - OLD.count)
    ON CONFLICT (metric, month, unit_id, days) DO UPDATE SET count = count + excluded.count;
  INSERT INTO stats_durations_category (metric, month, category_code, days, count) VALUES (NEW.metric, NEW.month, NEW.category_code, NEW.days, NEW.count - OLD.count)
    ON CONFLICT (metric, month, category_code, days) DO UPDATE SET count = count + excluded.count;
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
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    (NEW.status IN ('referred', 'concluded')),
    (NEW.status = 'dismissed')
  WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed;
INSERT INTO stats_dismissals (month, unit_id, category_code, reason_code, count)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(NEW.dismissal_reason_code, 'unspecified'),
    1
  WHERE NEW.decided_at IS NOT NULL AND NEW.status = 'dismissed'
  ON CONFLICT (month, unit_id, category_code, reason_code) DO UPDATE SET count = count + excluded.count;
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
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -((OLD.status IN ('referred', 'concluded'))),
    -((OLD.status = 'dismissed'))
  WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed;
INSERT INTO stats_dismissals (month, unit_id, category_code, reason_code, count)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(OLD.dismissal_reason_code, 'unspecified'),
    -(1)
  WHERE OLD.decided_at IS NOT NULL AND OLD.status = 'dismissed'
  ON CONFLICT (month, unit_id, category_code, reason_code) DO UPDATE SET count = count + excluded.count;
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
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    -((OLD.status IN ('referred', 'concluded'))),
    -((OLD.status = 'dismissed'))
  WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed;
INSERT INTO stats_dismissals (month, unit_id, category_code, reason_code, count)
  SELECT strftime('%Y-%m', OLD.decided_at, '+7 hours'),
    OLD.unit_id,
    OLD.category_code,
    COALESCE(OLD.dismissal_reason_code, 'unspecified'),
    -(1)
  WHERE OLD.decided_at IS NOT NULL AND OLD.status = 'dismissed'
  ON CONFLICT (month, unit_id, category_code, reason_code) DO UPDATE SET count = count + excluded.count;
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
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    (NEW.status IN ('referred', 'concluded')),
    (NEW.status = 'dismissed')
  WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('referred', 'concluded', 'dismissed')
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed;
INSERT INTO stats_dismissals (month, unit_id, category_code, reason_code, count)
  SELECT strftime('%Y-%m', NEW.decided_at, '+7 hours'),
    NEW.unit_id,
    NEW.category_code,
    COALESCE(NEW.dismissal_reason_code, 'unspecified'),
    1
  WHERE NEW.decided_at IS NOT NULL AND NEW.status = 'dismissed'
  ON CONFLICT (month, unit_id, category_code, reason_code) DO UPDATE SET count = count + excluded.count;
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
--> statement-breakpoint
-- Backfill: the same contributions summed over the rows already there.
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, reports)
  SELECT strftime('%Y-%m', r.received_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    SUM(1)
  FROM reports AS r WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET reports = reports + excluded.reports;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, leads, ack_on_time, ack_late)
  SELECT strftime('%Y-%m', r.opened_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    SUM(1),
    SUM((r.acknowledged_at IS NOT NULL AND r.acknowledged_at <= r.ack_due_at)),
    SUM(((r.acknowledged_at IS NOT NULL AND r.acknowledged_at > r.ack_due_at) OR (r.acknowledged_at IS NULL AND r.overdue_since IS NOT NULL)))
  FROM leads AS r WHERE r.status <> 'merged' GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET leads = leads + excluded.leads, ack_on_time = ack_on_time + excluded.ack_on_time, ack_late = ack_late + excluded.ack_late;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, referred, dismissed)
  SELECT strftime('%Y-%m', r.decided_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    SUM((r.status IN ('referred', 'concluded'))),
    SUM((r.status = 'dismissed'))
  FROM leads AS r WHERE r.decided_at IS NOT NULL AND r.status IN ('referred', 'concluded', 'dismissed') GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET referred = referred + excluded.referred, dismissed = dismissed + excluded.dismissed;
--> statement-breakpoint
INSERT INTO stats_dismissals (month, unit_id, category_code, reason_code, count)
  SELECT strftime('%Y-%m', r.decided_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    COALESCE(r.dismissal_reason_code, 'unspecified'),
    SUM(1)
  FROM leads AS r WHERE r.decided_at IS NOT NULL AND r.status = 'dismissed' GROUP BY 1, 2, 3, 4
  ON CONFLICT (month, unit_id, category_code, reason_code) DO UPDATE SET count = count + excluded.count;
--> statement-breakpoint
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'first_response',
    strftime('%Y-%m', r.acknowledged_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(r.acknowledged_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(r.opened_at, '+7 hours'))), 0),
    SUM(1)
  FROM leads AS r WHERE r.acknowledged_at IS NOT NULL AND r.status <> 'merged' GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
--> statement-breakpoint
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', r.decided_at, '+7 hours'),
    r.unit_id,
    r.category_code,
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(r.decided_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date(r.opened_at, '+7 hours'))), 0),
    SUM(1)
  FROM leads AS r WHERE r.decided_at IS NOT NULL AND r.status = 'dismissed' GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, findings_substantiated, findings_partly, findings_not_substantiated, findings_could_not_verify)
  SELECT strftime('%Y-%m', r.recorded_at, '+7 hours'),
    r.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = r.lead_id),
    SUM((r.outcome = 'substantiated')),
    SUM((r.outcome = 'partly_substantiated')),
    SUM((r.outcome = 'not_substantiated')),
    SUM((r.outcome = 'could_not_verify'))
  FROM findings AS r WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET findings_substantiated = findings_substantiated + excluded.findings_substantiated, findings_partly = findings_partly + excluded.findings_partly, findings_not_substantiated = findings_not_substantiated + excluded.findings_not_substantiated, findings_could_not_verify = findings_could_not_verify + excluded.findings_could_not_verify;
--> statement-breakpoint
INSERT INTO stats_durations (metric, month, unit_id, category_code, days, count)
  SELECT 'conclusion',
    strftime('%Y-%m', r.recorded_at, '+7 hours'),
    r.unit_id,
    (SELECT l.category_code FROM leads l WHERE l.id = r.lead_id),
    COALESCE(MAX(0, (SELECT w2.n FROM work_calendar w2 WHERE w2.date = date(r.recorded_at, '+7 hours')) - (SELECT w1.n FROM work_calendar w1 WHERE w1.date = date((SELECT l.opened_at FROM leads l WHERE l.id = r.lead_id), '+7 hours'))), 0),
    SUM(1)
  FROM findings AS r WHERE 1 GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (metric, month, unit_id, category_code, days) DO UPDATE SET count = count + excluded.count;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, inspections_surprise, inspections_scheduled, inspections_verification)
  SELECT strftime('%Y-%m', r.started_at, '+7 hours'),
    r.unit_id,
    '',
    SUM((r.type = 'surprise')),
    SUM((r.type = 'scheduled')),
    SUM((r.type = 'verification'))
  FROM inspections AS r WHERE r.started_at IS NOT NULL AND r.status <> 'cancelled' GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET inspections_surprise = inspections_surprise + excluded.inspections_surprise, inspections_scheduled = inspections_scheduled + excluded.inspections_scheduled, inspections_verification = inspections_verification + excluded.inspections_verification;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, measures_verified)
  SELECT strftime('%Y-%m', r.verified_at, '+7 hours'),
    r.responsible_unit_id,
    '',
    SUM(1)
  FROM measures AS r WHERE r.status = 'verified' AND r.verified_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_verified = measures_verified + excluded.measures_verified;
--> statement-breakpoint
INSERT INTO stats_cells (month, unit_id, category_code, measures_on_time, measures_late)
  SELECT strftime('%Y-%m', r.deadline, '+7 hours'),
    r.responsible_unit_id,
    '',
    SUM((r.status = 'verified' AND COALESCE(r.verified_on_time, 0) = 1)),
    SUM(((r.status = 'verified' AND COALESCE(r.verified_on_time, 0) = 0) OR (r.status <> 'verified' AND r.overdue_since IS NOT NULL)))
  FROM measures AS r WHERE (r.status = 'verified' OR r.overdue_since IS NOT NULL) GROUP BY 1, 2, 3
  ON CONFLICT (month, unit_id, category_code) DO UPDATE SET measures_on_time = measures_on_time + excluded.measures_on_time, measures_late = measures_late + excluded.measures_late;
