// Migration 6: the column and value mappings a user chose in the import wizard, remembered per sheet layout
// (DOMAIN.md §10: “the mapping is remembered”) and offered the next time a sheet of the same layout is imported.
// `layout` is the sheet's header row as matched (exchange/mapping-store.ts layoutOf); `mapping` the JSON of a
// SheetMapping (domain/sheet-mapping.ts). Written out in full; released migrations are never edited.
export const importMappings = /* sql */ `
CREATE TABLE import_mappings (
  kind TEXT NOT NULL,
  layout TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, layout)
) STRICT;
`;
