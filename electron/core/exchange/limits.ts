// The bounds on an import file a user hands the app (.xlsx, .csv, .json), in one place. Every reader checks them
// while it streams through the file, before it allocates for what it has just read, so a hostile or damaged file
// is refused with a Chinese message instead of taking the process's memory (in Electron the main process and the
// window) or blocking its thread: a 1.7 KB .xlsx with one cell r="ZZZZZZ1" once made a 3.3 GB array. Files of
// PIPELINE_MIN_BYTES or more are moreover read only in the import worker, under IMPORT_WORKER_HEAP_MB
// (pipeline.ts); smaller ones may be read in the main thread because these bounds make that cheap (see
// docs/数据安全.md “不可信文件的限制”).

/** Excel's own sheet size: a sheet cannot have more rows than this (XFD1048576), so a file that does was made by hand. */
export const MAX_ROWS = 1_048_576;
/** Excel's own sheet width (column XFD). */
export const MAX_COLUMNS = 16_384;

/**
 * Cells kept in memory while reading one file: every <c> element of the sheets read, every CSV field, every JSON
 * value, and the empty cells a row is padded with up to its last cell (what an array of the row holds). 8 million
 * is 200,000 rows of 40 columns, far beyond a year of any office's ledger (the bench's 10,000-row contract file
 * has 300,000), and at ~40 bytes a cell stays near 320 MB.
 */
export const MAX_CELLS = 8_000_000;

/**
 * Entries of the shared-strings part: one per distinct text. Half the cell bound: in a ledger most cells are
 * dates, numbers, repeated choices or empty, and a string nobody uses is only memory.
 */
export const MAX_SHARED_STRINGS = MAX_CELLS / 2;

/**
 * Characters of one CSV field. Excel holds at most 32,767 characters in a cell, but the app's own 年度素材 text
 * may be 50,000 and is exported as it is; twice that leaves room. A 140 MB single-line CSV is refused at its first
 * long field instead of being built up character by character.
 */
export const MAX_FIELD_CHARS = 100_000;

/**
 * Bytes of all the XML parts of one .xlsx once decompressed, each part counted once however many sheets name it.
 * A 10,000-row contract sheet is ~4 MB of XML; 256 MB is 600,000 such rows, and stays below the longest string V8
 * can make (~512 M characters) and a few seconds of reading.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * How much larger a part may become when decompressed than it is in the file. Sheet XML compresses 5–20 times
 * (our own exports: ~9; sheets of repeated values ~30); a deflate stream can grow 1,000 times, which is how a
 * 100 KB file hides a 100 MB part. Parts that decompress to less than INFLATE_RATIO_FLOOR are not held to it (a
 * small styles part of repeated entries legitimately compresses more).
 */
export const MAX_INFLATE_RATIO = 100;
export const INFLATE_RATIO_FLOOR = 1024 * 1024;

/** Parts in a .xlsx package: a workbook with many sheets, images and comments has a few hundred. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * Problems listed for one file: the first 200 by row, then one line with how many more there are. Every problem is
 * still counted, and any problem still stops the import; a file where every row is wrong does not make a list of
 * millions of lines (or the memory for it).
 */
export const MAX_LISTED_ERRORS = 200;

/**
 * The import worker's JavaScript heap (worker_threads resourceLimits): a worker that runs out is stopped by Node
 * and the import refused, instead of the whole process dying. A file at the bounds above needs ~700 MB.
 */
export const IMPORT_WORKER_HEAP_MB = 1024;

/** Thousands separators, for messages (1,048,576). */
export function n(v: number): string {
  return v.toLocaleString('en-US');
}

/** MB for messages. */
export function mb(bytes: number): string {
  return String(Math.round(bytes / (1024 * 1024)));
}
