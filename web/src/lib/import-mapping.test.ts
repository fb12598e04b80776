import { describe, expect, it } from 'vitest';
import type { CsvMappingFieldsFragment } from '../graphql/generated/graphql';
import { amountModeOf, formFromMapping, mappingInput } from './import-mapping';

const mapping: CsvMappingFieldsFragment = {
  __typename: 'CsvMapping', delimiter: ';', hasHeader: true, skipRows: 0, dateColumn: 'Datum', dateFormat: 'DD.MM.YYYY',
  amountColumn: null, inflowColumn: 'Haben', outflowColumn: 'Soll', indicatorColumn: null, debitIndicator: null,
  descriptionColumn: 'Text', notesColumn: null, externalIdColumn: null, decimalSeparator: ',', invertSign: false,
};

describe('the CSV mapping form', () => {
  it('reads the amount style from the columns the mapping names', () => {
    expect(amountModeOf(mapping)).toBe('split');
    expect(amountModeOf({ inflowColumn: null, outflowColumn: null, indicatorColumn: 'S/H' })).toBe('indicator');
    expect(amountModeOf({ inflowColumn: null, outflowColumn: null, indicatorColumn: null })).toBe('single');
  });

  it('sends back what the form says, the guessed date format left to the server', () => {
    const form = formFromMapping(mapping);
    expect(form.dateFormat).toBe('');
    expect(mappingInput(form)).toEqual({
      delimiter: ';', hasHeader: true, skipRows: 0, decimalSeparator: ',', invertSign: false,
      inflowColumn: 'Haben', outflowColumn: 'Soll', dateColumn: 'Datum', descriptionColumn: 'Text', notesColumn: '', externalIdColumn: '',
    });
  });

  it('sends "None" for description, notes or bank reference as \'\', so the server does not guess one again', () => {
    const form = { ...formFromMapping({ ...mapping, notesColumn: 'Info', externalIdColumn: 'Ref' }), notesColumn: '', descriptionColumn: '' };
    expect(mappingInput(form)).toMatchObject({ descriptionColumn: '', notesColumn: '', externalIdColumn: 'Ref' });
    // The next preview answers null for a column mapped to none: the form keeps it none.
    expect(mappingInput(formFromMapping({ ...mapping, notesColumn: null }))).toMatchObject({ notesColumn: '' });
  });

  it('sends a date format the user picked', () => {
    expect(mappingInput(formFromMapping(mapping, 'MM.DD.YYYY')).dateFormat).toBe('MM.DD.YYYY');
  });

  it('names only the columns of the chosen amount style', () => {
    const form = { ...formFromMapping(mapping), amountMode: 'indicator' as const, amountColumn: 'Betrag', indicatorColumn: 'S/H', debitIndicator: ' S ' };
    const input = mappingInput(form);
    expect(input).toMatchObject({ amountColumn: 'Betrag', indicatorColumn: 'S/H', debitIndicator: 'S' });
    expect(input).not.toHaveProperty('inflowColumn');
    expect(mappingInput({ ...form, amountMode: 'single' })).toMatchObject({ amountColumn: 'Betrag' });
    expect(mappingInput({ ...form, amountMode: 'single' })).not.toHaveProperty('indicatorColumn');
  });

  it('after a change to the delimiter, header or skipped rows, lets the server guess the columns again', () => {
    const form = { ...formFromMapping(mapping, 'DD.MM.YYYY'), delimiter: ',' };
    expect(mappingInput(form, true)).toEqual({ delimiter: ',', hasHeader: true, skipRows: 0, decimalSeparator: ',', invertSign: false, dateFormat: 'DD.MM.YYYY' });
  });
});
