// The CSV mapping form: filled from the mapping a preview used, turned back into the CsvMappingInput
// that the next preview is sent with.
import type { CsvMappingFieldsFragment, CsvMappingInput } from '../graphql/generated/graphql';

/** One amount column; inflow and outflow columns; or an amount plus a debit/credit indicator. */
export type AmountMode = 'single' | 'split' | 'indicator';

export interface MappingForm {
  delimiter: string;
  hasHeader: boolean;
  skipRows: number;
  dateColumn: string;
  /** '' until chosen: the server scores the formats itself, and says when several fit. */
  dateFormat: string;
  amountMode: AmountMode;
  amountColumn: string;
  inflowColumn: string;
  outflowColumn: string;
  indicatorColumn: string;
  debitIndicator: string;
  descriptionColumn: string;
  notesColumn: string;
  externalIdColumn: string;
  decimalSeparator: string;
  invertSign: boolean;
}

/** The formats the server reads (server/src/modules/imports/parsers/csv-dates.ts), for the date format select. */
export const DATE_FORMATS = [
  'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY.MM.DD', 'DD-MM-YYYY', 'MM-DD-YYYY', 'YYYY/MM/DD',
  'YYYYMMDD', 'DD MMM YYYY', 'DD MMM YY', 'DD-MMM-YYYY', 'DD-MMM-YY', 'MMM DD YYYY',
  'DD/MM/YY', 'MM/DD/YY', 'DD.MM.YY', 'DD-MM-YY',
] as const;

export const DELIMITER_CHOICES = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
] as const;

export function amountModeOf(mapping: Pick<CsvMappingFieldsFragment, 'inflowColumn' | 'outflowColumn' | 'indicatorColumn'>): AmountMode {
  if (mapping.indicatorColumn) return 'indicator';
  if (mapping.inflowColumn || mapping.outflowColumn) return 'split';
  return 'single';
}

/**
 * The form as the preview's mapping fills it. `chosenDateFormat` is the format the user picked, if
 * any: the preview's own is its best guess, which the form leaves to the server.
 */
export function formFromMapping(mapping: CsvMappingFieldsFragment, chosenDateFormat = ''): MappingForm {
  return {
    delimiter: mapping.delimiter,
    hasHeader: mapping.hasHeader,
    skipRows: mapping.skipRows,
    dateColumn: mapping.dateColumn ?? '',
    dateFormat: chosenDateFormat,
    amountMode: amountModeOf(mapping),
    amountColumn: mapping.amountColumn ?? '',
    inflowColumn: mapping.inflowColumn ?? '',
    outflowColumn: mapping.outflowColumn ?? '',
    indicatorColumn: mapping.indicatorColumn ?? '',
    debitIndicator: mapping.debitIndicator ?? '',
    descriptionColumn: mapping.descriptionColumn ?? '',
    notesColumn: mapping.notesColumn ?? '',
    externalIdColumn: mapping.externalIdColumn ?? '',
    decimalSeparator: mapping.decimalSeparator,
    invertSign: mapping.invertSign,
  };
}

/** Fields that change what the columns are: after a change to one, the columns are guessed again. */
export const TABLE_FIELDS = ['delimiter', 'hasHeader', 'skipRows'] as const;

const column = (name: string) => name || null;

/**
 * The mapping to preview with. After a change to the table's shape (`tableChanged`), the old column
 * names may not exist any more: only the shape, the number style and a chosen date format are sent.
 */
export function mappingInput(form: MappingForm, tableChanged = false): CsvMappingInput {
  const common: CsvMappingInput = {
    delimiter: form.delimiter,
    hasHeader: form.hasHeader,
    skipRows: form.skipRows,
    decimalSeparator: form.decimalSeparator,
    invertSign: form.invertSign,
    ...(form.dateFormat ? { dateFormat: form.dateFormat } : {}),
  };
  if (tableChanged) return common;
  const amounts: CsvMappingInput =
    form.amountMode === 'split' ? { inflowColumn: column(form.inflowColumn), outflowColumn: column(form.outflowColumn) }
      : form.amountMode === 'indicator'
        ? { amountColumn: column(form.amountColumn), indicatorColumn: column(form.indicatorColumn), debitIndicator: form.debitIndicator.trim() || null }
        : { amountColumn: column(form.amountColumn) };
  return {
    ...common,
    ...amounts,
    dateColumn: column(form.dateColumn),
    // These may be none: '' says so (null would have the server guess one again). The form's '' is
    // "None" for them, also where the preview's mapping had none (null).
    descriptionColumn: form.descriptionColumn,
    notesColumn: form.notesColumn,
    externalIdColumn: form.externalIdColumn,
  };
}
