-- The audit log is append-only: not even the application may rewrite it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Days off for public servants that fall on weekdays (Labour Code 2019, art. 112,
-- and the yearly Tết schedule), as editable data. Weekends are always days off.
INSERT INTO holidays (date, name_vi, name_en) VALUES
('2025-01-01', 'Tết Dương lịch', 'New Year''s Day'),
('2025-01-27', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2025-01-28', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2025-01-29', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2025-01-30', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2025-01-31', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2025-04-07', 'Giỗ Tổ Hùng Vương', 'Hung Kings'' Commemoration'),
('2025-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
('2025-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
('2025-05-02', 'Nghỉ bù', 'Compensating day off'),
('2025-09-01', 'Quốc khánh', 'National Day'),
('2025-09-02', 'Quốc khánh', 'National Day'),
('2026-01-01', 'Tết Dương lịch', 'New Year''s Day'),
('2026-02-16', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2026-02-17', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2026-02-18', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2026-02-19', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2026-02-20', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Hung Kings'' Commemoration (in lieu)'),
('2026-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
('2026-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
('2026-09-01', 'Quốc khánh', 'National Day'),
('2026-09-02', 'Quốc khánh', 'National Day'),
('2027-01-01', 'Tết Dương lịch', 'New Year''s Day'),
('2027-02-05', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2027-02-08', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2027-02-09', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2027-02-10', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2027-02-11', 'Tết Nguyên Đán', 'Lunar New Year (Tết)'),
('2027-04-16', 'Giỗ Tổ Hùng Vương', 'Hung Kings'' Commemoration'),
('2027-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'International Labour Day (in lieu)'),
('2027-09-02', 'Quốc khánh', 'National Day'),
('2027-09-03', 'Quốc khánh', 'National Day');
