import { describe, expect, it } from 'vitest';
import { extractTicketNumber, normalizeSubject, tagSubject } from './subject.js';

describe('normalizeSubject', () => {
  const cases: Array<[string, string]> = [
    // French, English and the common clients, each prefix once
    ['RE: Imprimante en panne', 'Imprimante en panne'],
    ['Re: Printer down', 'Printer down'],
    ['re:Printer down', 'Printer down'],
    ['RE : Imprimante', 'Imprimante'],
    ['RE\u00a0: Imprimante', 'Imprimante'],
    ['RE\u202f: Imprimante', 'Imprimante'],
    ['Réf. : Commande 42', 'Commande 42'],
    ['RÉF. : Commande 42', 'Commande 42'],
    ['Re\u0301f. : Commande 42', 'Commande 42'],
    ['Réf: Commande 42', 'Commande 42'],
    ['REF: Order 42', 'Order 42'],
    ['Ref. Order 42', 'Ref. Order 42'],
    ['TR: Facture', 'Facture'],
    ['Tr : Facture', 'Facture'],
    ['FW: Invoice', 'Invoice'],
    ['Fw: Invoice', 'Invoice'],
    ['FWD: Invoice', 'Invoice'],
    ['Fwd: Invoice', 'Invoice'],
    ['AW: Drucker', 'Drucker'],
    ['WG: Drucker', 'Drucker'],
    ['Antw: Printer', 'Printer'],
    ['Antwort: Drucker', 'Drucker'],
    ['SV: Skrivare', 'Skrivare'],
    ['VS: Tulostin', 'Tulostin'],
    ['VB: Skrivare', 'Skrivare'],
    ['VL: Tulostin', 'Tulostin'],
    ['RV: Impresora', 'Impresora'],
    ['RIF: Stampante', 'Stampante'],
    ['ODP: Drukarka', 'Drukarka'],
    ['RES: Impressora', 'Impressora'],
    ['ENC: Impressora', 'Impressora'],
    ['Doorst: Printer', 'Printer'],
    ['Re：打印机', '打印机'],
    // counters
    ['Re[2]: Printer', 'Printer'],
    ['RE[12] : Printer', 'Printer'],
    ['Re(3): Printer', 'Printer'],
    ['Re^2: Printer', 'Printer'],
    ['Re [2]: Printer', 'Printer'],
    // repeated and mixed
    ['RE: RE: RE: Printer', 'Printer'],
    ['Re: TR: Fwd: AW: Printer', 'Printer'],
    ['RE:RE:Printer', 'Printer'],
    ['Réf. : TR : RE : Imprimante', 'Imprimante'],
    // leading tags are kept, prefixes around them stripped, duplicates dropped
    ['[EXTERNAL] Printer', '[EXTERNAL] Printer'],
    ['[EXTERNAL] RE: Printer', '[EXTERNAL] Printer'],
    ['RE: [EXTERNAL] RE: Printer', '[EXTERNAL] Printer'],
    ['[EXTERNAL] RE: [External] Re: Printer', '[EXTERNAL] Printer'],
    ['RE: [#1042] Printer', '[#1042] Printer'],
    ['[users] Re: [#1042] Printer', '[users] [#1042] Printer'],
    // whitespace
    ['  Re:   Printer \t down\r\n  again ', 'Printer down again'],
    // not prefixes: words that merely start like one, or a prefix-like word in the middle
    ['Rebooted: server down', 'Rebooted: server down'],
    ['Travaux: coupure', 'Travaux: coupure'],
    ['Tri: ordre', 'Tri: ordre'],
    ['Printer RE: down', 'Printer RE: down'],
    ['Re Printer', 'Re Printer'],
    // degenerate
    ['', ''],
    ['RE:', ''],
    ['RE: ', ''],
    ['[EXTERNAL]', '[EXTERNAL]'],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeSubject(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const [input] of cases) expect(normalizeSubject(normalizeSubject(input))).toBe(normalizeSubject(input));
  });
});

describe('extractTicketNumber', () => {
  const cases: Array<[string, number | null]> = [
    ['[#1042] Printer', 1042],
    ['RE: [#1042] Printer', 1042],
    ['Printer [#1042]', 1042],
    ['Re: Printer [# 1042 ]', 1042],
    ['[#7]', 7],
    ['[#01042] Printer', 1042],
    ['[#1042] RE: [#99] two tags, the first wins', 1042],
    ['Printer #1042', null],
    ['Printer (#1042)', null],
    ['Printer [1042]', null],
    ['Printer [#]', null],
    ['Printer [#0]', null],
    ['Printer [#abc]', null],
    ['Printer [#1234567890123]', null],
    ['[Relais #1042] Printer', null],
    ['', null],
  ];
  it.each(cases)('%j → %j', (subject, expected) => {
    expect(extractTicketNumber(subject)).toBe(expected);
  });

  const withPrefixes: Array<[string, number | null]> = [
    ['[Relais #1042] Printer', 1042],
    ['[relais#1042] Printer', 1042],
    ['RE: [Support #77] Printer', 77],
    ['[#1042] Printer', 1042],
    ['[Other #1042] Printer', null],
    ['[R.lais #1042] Printer', null],
    ['[R. #1042] Printer', 1042],
  ];
  it.each(withPrefixes)('with prefixes Relais, Support and R.: %j → %j', (subject, expected) => {
    expect(extractTicketNumber(subject, { prefixes: ['Relais', 'Support', ' ', 'R.'] })).toBe(expected);
  });
});

describe('tagSubject', () => {
  const cases: Array<[string, number, string]> = [
    ['Printer down', 1042, '[#1042] Printer down'],
    ['Re: Printer down', 1042, 'Re: [#1042] Printer down'],
    ['RE: TR : Printer', 1042, 'RE: TR : [#1042] Printer'],
    ['Re: [#1042] Printer down', 1042, 'Re: [#1042] Printer down'],
    ['Printer down [#1042]', 1042, 'Printer down [#1042]'],
    ['RE: [#1042] Printer down', 2001, 'RE: [#2001] Printer down'],
    ['[#1042] [#1042] Printer', 1042, '[#1042] Printer'],
    ['[EXTERNAL] Printer', 5, '[#5] [EXTERNAL] Printer'],
    ['', 5, '[#5]'],
    ['  Printer   down ', 5, '[#5] Printer down'],
  ];
  it.each(cases)('%j tagged %i → %j', (subject, n, expected) => {
    const tagged = tagSubject(subject, n);
    expect(tagged).toBe(expected);
    expect(tagSubject(tagged, n)).toBe(tagged);
    expect(extractTicketNumber(tagged)).toBe(n);
  });

  it('counts a configured-prefix tag of the same ticket as already tagged', () => {
    expect(tagSubject('[Relais #1042] Printer', 1042, { prefixes: ['Relais'] })).toBe('[Relais #1042] Printer');
    expect(tagSubject('[Relais #1042] Printer', 7, { prefixes: ['Relais'] })).toBe('[#7] Printer');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s as a ticket number', (n) => {
    expect(() => tagSubject('x', n)).toThrow(RangeError);
  });
});
