/** Argument parsing of the `import` command. */
import { ImportArgumentError, parseImportArguments } from '../../client/import-cli';

describe('parseImportArguments', () => {
  test('all flags fill the import options', () => {
    const command = parseImportArguments(['a.pdf', 'folder', '--property', 'TCSH', '--property-name', 'The Crossings', '--group', 'retail', '--type', 'balance_sheet']);

    expect(command).toEqual({
      help: false,
      inputs: ['a.pdf', 'folder'],
      options: { propertyCode: 'TCSH', propertyName: 'The Crossings', propertyGroup: 'retail', documentType: 'balance_sheet' },
    });
  });

  test('--help needs no inputs', () => {
    expect(parseImportArguments(['--help'])).toEqual({ help: true });
  });

  test.each([
    [['a.pdf', '--type', 'cashflow'], '--type "cashflow" is invalid: expected one of balance_sheet, income_statement, cash_flow, rent_roll'],
    [['a.pdf', '--group', 'hotel'], '--group "hotel" is invalid: expected one of multifamily, office, retail, industrial, mixed_use, other'],
    [['a.pdf', '--property', '  '], '--property "  " is invalid: expected 1 to 50 characters'],
    [['a.pdf', '--colour', 'red'], "Unknown option '--colour'"],
    [[], 'no files or folders given'],
  ])('arguments %j are rejected', (argv, message) => {
    expect(() => parseImportArguments(argv)).toThrow(ImportArgumentError);
    expect(() => parseImportArguments(argv)).toThrow(message);
  });
});
