// Migration 3: the report template edited in the app, kept as numbered versions. Written out in full; released
// migrations are never edited.
//
// Append-only like the audit log: a save adds a version, 恢复 of an old version adds a copy of it, and 恢复内置模板
// adds a version whose text is NULL — "the built-in template as this program ships it", so an office that reset
// gets the improved built-in text of a later release. The latest version is the one in use; none is ever lost.
// A template saved before this migration (the settings key 'report.template') becomes version 1; the settings
// row is left where it is.
export const reportTemplates = /* sql */ `
CREATE TABLE report_templates (
  version INTEGER PRIMARY KEY,
  text TEXT,
  note TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER report_templates_no_update BEFORE UPDATE ON report_templates BEGIN
  SELECT RAISE(ABORT, '报告模板的历史版本只能追加，不能修改');
END;
CREATE TRIGGER report_templates_no_delete BEFORE DELETE ON report_templates BEGIN
  SELECT RAISE(ABORT, '报告模板的历史版本只能追加，不能删除');
END;
INSERT INTO report_templates (text, note, saved_at, saved_by)
  SELECT json_extract(value, '$'), '升级前保存的模板', updated_at, '' FROM settings
  WHERE key = 'report.template' AND json_valid(value) AND json_type(value) = 'text';
`;
