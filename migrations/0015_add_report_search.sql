-- Full-text search over reports for the console (issue 12, "Finding things").
-- An external-content FTS5 table over the columns triage already folds (lower case, no marks, đ → d:
-- `fold` of worker/src/domain/text.ts), so the index stores no second copy of the text and a query
-- folded the same way matches with or without diacritics. unicode61's own `remove_diacritics` does not
-- fold đ, hence the folded columns. Its rowid is reports' rowid: after anything that renumbers reports'
-- rowids (an import, a VACUUM), run `INSERT INTO report_search(report_search) VALUES('rebuild')`.
-- `wrangler d1 export` refuses a database with a virtual table: drop this table before exporting and
-- recreate it with this file afterwards.
CREATE VIRTUAL TABLE report_search USING fts5(
  description_folded,
  procedure_key,
  official_key,
  content = 'reports',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER report_search_ai AFTER INSERT ON reports BEGIN
  INSERT INTO report_search (rowid, description_folded, procedure_key, official_key)
  VALUES (new.rowid, new.description_folded, new.procedure_key, new.official_key);
END;
--> statement-breakpoint
CREATE TRIGGER report_search_ad AFTER DELETE ON reports BEGIN
  INSERT INTO report_search (report_search, rowid, description_folded, procedure_key, official_key)
  VALUES ('delete', old.rowid, old.description_folded, old.procedure_key, old.official_key);
END;
--> statement-breakpoint
-- Only a change of the indexed text touches the index: status, lead and timestamps change often.
CREATE TRIGGER report_search_au AFTER UPDATE OF description_folded, procedure_key, official_key ON reports BEGIN
  INSERT INTO report_search (report_search, rowid, description_folded, procedure_key, official_key)
  VALUES ('delete', old.rowid, old.description_folded, old.procedure_key, old.official_key);
  INSERT INTO report_search (rowid, description_folded, procedure_key, official_key)
  VALUES (new.rowid, new.description_folded, new.procedure_key, new.official_key);
END;
--> statement-breakpoint
INSERT INTO report_search (report_search) VALUES ('rebuild');
