// The statement files the import benchmark uploads, generated in this process from a seed: a bank's
// CSV export (newest first, US dates, signed amounts, a sparse reference column) and an OFX 2.x
// (XML) statement with FITIDs (oldest first). Same seed, same bytes, so runs compare.
import { seededRandom } from './server-dist.mjs';

/** The last day of both files: fixed rather than today, so a file is the same bytes every run. */
const UNTIL = Date.UTC(2026, 8, 30);
const YEARS = 10;
const DAY_MS = 86_400_000;

// Texts as banks print them: store numbers, processors' prefixes, cities, a comma or quotes now
// and then (so the CSV has quoted fields). `weight` is how often; amounts in dollars, min to max.
const MERCHANTS = [
  { text: 'STARBUCKS STORE #{n}', weight: 30, min: 3, max: 12 },
  { text: 'SQ *BLUE BOTTLE COFFEE OAKLAND CA', weight: 10, min: 4, max: 15 },
  { text: 'AMAZON MKTPLACE PMTS AMZN.COM/BILL WA', weight: 25, min: 8, max: 180 },
  { text: 'AMZN Mktp US*{code}', weight: 15, min: 5, max: 120 },
  { text: 'WHOLEFDS MKT #{n}', weight: 18, min: 15, max: 220 },
  { text: "TRADER JOE'S #{n}", weight: 18, min: 12, max: 140 },
  { text: 'SAFEWAY #{n}, SAN JOSE CA', weight: 14, min: 10, max: 160 },
  { text: 'COSTCO WHSE #{n}', weight: 8, min: 60, max: 420 },
  { text: 'TARGET T-{n} SUNNYVALE CA', weight: 10, min: 8, max: 150 },
  { text: 'SHELL OIL {n}', weight: 10, min: 25, max: 85 },
  { text: 'CHEVRON {n}', weight: 8, min: 25, max: 90 },
  { text: 'UBER   *TRIP HELP.UBER.COM CA', weight: 10, min: 7, max: 60 },
  { text: 'LYFT   *RIDE {code}', weight: 5, min: 7, max: 55 },
  { text: 'DOORDASH*CHIPOTLE', weight: 8, min: 14, max: 45 },
  { text: "MCDONALD'S F{n}", weight: 6, min: 5, max: 20 },
  { text: 'CVS/PHARMACY #{n}', weight: 7, min: 4, max: 80 },
  { text: 'HOME DEPOT #{n}', weight: 5, min: 10, max: 400 },
  { text: 'CHECKCARD {mmdd} IKEA, EAST PALO ALTO CA', weight: 1, min: 30, max: 900 },
  { text: 'JOE\'S "BEST" DINER SAN MATEO', weight: 2, min: 12, max: 70 },
  { text: 'NETFLIX.COM', weight: 2, min: 15.49, max: 15.49 },
  { text: 'SPOTIFY USA', weight: 2, min: 10.99, max: 10.99 },
  { text: 'APPLE.COM/BILL', weight: 3, min: 0.99, max: 29.99 },
  { text: 'PAYPAL *EBAY INC {code}', weight: 3, min: 9, max: 250 },
  { text: 'DELTA AIR {n}', weight: 1, min: 120, max: 900 },
  { text: 'AIRBNB * {code}', weight: 1, min: 150, max: 1400 },
  { text: 'ATM WITHDRAWAL {n} MAIN ST', weight: 4, min: 20, max: 300, round: true },
  { text: 'PG&E WEB ONLINE', weight: 1, min: 60, max: 240, reference: true },
  { text: 'COMCAST CALIFORNIA', weight: 1, min: 79.99, max: 129.99, reference: true },
  { text: 'VERIZON WRLS P{n}-01', weight: 1, min: 65, max: 140, reference: true },
  { text: 'GEICO *AUTO', weight: 1, min: 110, max: 160, reference: true },
  { text: 'ZELLE TO J SMITH', weight: 2, min: 20, max: 500, reference: true, round: true },
  { text: 'ONLINE TRANSFER TO SAV XXXXX4321', weight: 2, min: 100, max: 2000, reference: true, round: true },
  { text: 'CHECK {n}', weight: 1, min: 25, max: 1800, reference: true },
  { text: 'ACME CORP PAYROLL PPD ID: 9876543210', weight: 4, min: 2400, max: 3100, reference: true, income: true },
  { text: 'ZELLE FROM M JONES', weight: 1, min: 20, max: 400, reference: true, income: true, round: true },
  { text: 'IRS TREAS 310 TAX REF', weight: 0.1, min: 200, max: 3000, reference: true, income: true },
  { text: 'INTEREST PAYMENT', weight: 0.5, min: 0.01, max: 12, income: true },
];
const TOTAL_WEIGHT = MERCHANTS.reduce((sum, merchant) => sum + merchant.weight, 0);
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function pick(random) {
  let left = random() * TOTAL_WEIGHT;
  for (const merchant of MERCHANTS) {
    left -= merchant.weight;
    if (left <= 0) return merchant;
  }
  return MERCHANTS[0];
}

/**
 * `count` rows over ten years before UNTIL, in date order (oldest first): { date, text, cents,
 * reference }. About one in a hundred repeats the row before it exactly (two coffees on one day),
 * which the import must keep as two transactions.
 */
function statementRows(count, seed) {
  const random = seededRandom(seed);
  const days = Math.round(YEARS * 365.25);
  const dayOf = Array.from({ length: count }, () => Math.floor(random() * days)).sort((a, b) => b - a);
  const rows = [];
  for (const back of dayOf) {
    const previous = rows[rows.length - 1];
    if (previous && previous.back === back && random() < 0.01) {
      rows.push({ ...previous, reference: '' });
      continue;
    }
    const merchant = pick(random);
    const date = new Date(UNTIL - back * DAY_MS);
    const mmdd = `${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
    const code = Array.from({ length: 9 }, () => CODE_LETTERS[Math.floor(random() * CODE_LETTERS.length)]).join('');
    const text = merchant.text.replace('{n}', String(100 + Math.floor(random() * 9000))).replace('{code}', code).replace('{mmdd}', mmdd);
    let dollars = merchant.min + random() * random() * (merchant.max - merchant.min);
    if (merchant.round) dollars = Math.max(20, Math.round(dollars / 20) * 20);
    const cents = Math.round(dollars * 100) * (merchant.income ? 1 : -1);
    const reference = merchant.reference ? `REF${String(Math.floor(random() * 1e10)).padStart(10, '0')}` : '';
    rows.push({ back, date, text, cents, reference });
  }
  return rows;
}

const amountText = (cents) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const usDate = (date) => `${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}/${date.getUTCFullYear()}`;
const ofxDate = (date) => `${date.toISOString().slice(0, 10).replace(/-/g, '')}120000.000[-5:EST]`;
const xmlText = (value) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A checking account's CSV export: header, newest first, MM/DD/YYYY, CRLF as banks write it. */
export function csvStatement(count, seed = 16) {
  const lines = ['Date,Description,Amount,Reference'];
  for (const row of statementRows(count, seed).reverse()) {
    lines.push(`${usDate(row.date)},${csvField(row.text)},${amountText(row.cents)},${row.reference}`);
  }
  return { name: 'checking-export.csv', type: 'text/csv', rows: count, body: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8') };
}

/** An OFX 2.x bank statement, oldest first, each transaction with its FITID; NAME cut to 32 characters and MEMO in full, as banks do. */
export function ofxStatement(count, seed = 1016) {
  const rows = statementRows(count, seed);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
    '<OFX>',
    '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>',
    `<DTSERVER>${ofxDate(new Date(UNTIL))}</DTSERVER><LANGUAGE>ENG</LANGUAGE><FI><ORG>BENCHBANK</ORG><FID>1016</FID></FI></SONRS></SIGNONMSGSRSV1>`,
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>',
    '<STMTRS><CURDEF>USD</CURDEF>',
    '<BANKACCTFROM><BANKID>121000248</BANKID><ACCTID>000123456789</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>',
    `<BANKTRANLIST><DTSTART>${ofxDate(rows[0].date)}</DTSTART><DTEND>${ofxDate(rows[rows.length - 1].date)}</DTEND>`,
  ];
  rows.forEach((row, i) => {
    const type = row.cents > 0 ? 'CREDIT' : row.text.startsWith('ATM') ? 'ATM' : row.text.startsWith('CHECK ') ? 'CHECK' : 'DEBIT';
    const fitid = `${row.date.toISOString().slice(0, 10).replace(/-/g, '')}${String(i).padStart(7, '0')}`;
    parts.push(
      '<STMTTRN>',
      `<TRNTYPE>${type}</TRNTYPE>`,
      `<DTPOSTED>${ofxDate(row.date)}</DTPOSTED>`,
      `<TRNAMT>${amountText(row.cents)}</TRNAMT>`,
      `<FITID>${fitid}</FITID>`,
      `<NAME>${xmlText(row.text.slice(0, 32))}</NAME>`,
      ...(row.text.length > 32 ? [`<MEMO>${xmlText(row.text)}</MEMO>`] : []),
      '</STMTTRN>',
    );
  });
  parts.push(
    '</BANKTRANLIST>',
    `<LEDGERBAL><BALAMT>1523.17</BALAMT><DTASOF>${ofxDate(new Date(UNTIL))}</DTASOF></LEDGERBAL>`,
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>',
    '</OFX>',
    '',
  );
  return { name: 'checking.ofx', type: 'application/x-ofx', rows: count, body: Buffer.from(parts.join('\n'), 'utf8') };
}
