// How case numbers (案号) sort. As text, （2025）清复字第100号 comes before （2025）清复字第10号 and a 2024 case
// can land among 2025 ones written with another bracket; clerks read a 案号 as "year, then number". The key below
// is stored beside the number (column `<field>_sort`, migration 7) and indexed, so a list of 1,000,000 rows
// sorts by it through an index instead of computing it per row.

const NUM_W = 10;

/** digits padded to a fixed width, so that text order is number order (longer numbers keep their length) */
const pad = (digits: string) => digits.replace(/^0+(?=\d)/, '').padStart(NUM_W, '0');

/** full-width digits to ASCII, for reading the year and number only (the stored 案号 is untouched) */
const asciiDigits = (s: string) => s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const BRACKETED_YEAR = /[(（〔[【［]\s*((?:19|20)\d{2})\s*[)）〕\]】］]/;
const LEADING_YEAR = /^\s*((?:19|20)\d{2})(?!\d)/;

/**
 * The sort key of a 案号: its year (the four digits in brackets, as in （2025）, 〔2025〕, [2025], or leading the
 * number), then its sequence number (the digits before 号, else the last digits after the year), then the whole
 * text with every run of digits padded (a tie-break between prefixes such as 清复字 and 清复决字). A number
 * without a year sorts after those with one, text without any number after all numbered ones (ascending).
 * Empty → null.
 */
export function caseNoSortKey(caseNo: string | null | undefined): string | null {
  if (caseNo === null || caseNo === undefined) return null;
  const s = asciiDigits(caseNo.trim());
  if (!s) return null;
  const ym = BRACKETED_YEAR.exec(s) ?? LEADING_YEAR.exec(s);
  const year = ym ? ym[1] : null;
  const rest = ym ? s.slice(ym.index + ym[0].length) : s;
  const beforeHao = [...rest.matchAll(/(\d+)\s*号/g)];
  const runs = rest.match(/\d+/g);
  const number = beforeHao.length ? beforeHao[beforeHao.length - 1][1] : runs ? runs[runs.length - 1] : null;
  const natural = s.replace(/\d+/g, pad);
  return `${year ?? '9999'}|${number !== null ? pad(number) : '~'}|${natural}`;
}
