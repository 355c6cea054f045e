// Migration 4: the first filter a clerk sets on a year's list — 合同类型, 事项类别 — joins the ★ date index, so a
// page of one type sorted by another column (the 1,000,000-row benchmark: 政府采购 contracts by amount, page 3)
// filters and sorts inside the index instead of reading every row of the year (docs/performance.md).
// Written out in full; released migrations are never edited.
export const listFilters = /* sql */ `
DROP INDEX contract_receivedOn;
CREATE INDEX contract_receivedOn ON contract ("receivedOn", "contractType", "opinions", "adopted", "major", "amount", deleted_at) WHERE deleted_at IS NULL;
DROP INDEX decision_receivedOn;
CREATE INDEX decision_receivedOn ON decision ("receivedOn", "category", "inCatalog", "opinions", "publicParticipation", "expertReview", "riskAssessment", "hearing", deleted_at) WHERE deleted_at IS NULL;
`;
