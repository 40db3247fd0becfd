import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/channels/email/parse.js';
import { DomainError } from '../../src/domain/errors.js';

/** A real MIME message as nodemailer would send it. */
function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ from: 'Jane <jane@example.com>', to: 'support@relais.test', ...options }).compile().build();
}

/** Hand-written messages, with CRLF line ends as on the wire. */
function raw(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082', 'hex');

describe('parseEmail: addresses, ids and headers', () => {
  it('reads ids without brackets, references nearest first, lower-cased addresses and groups', async () => {
    const { email } = await parseEmail(
      await compose({
        from: '"Élodie Martin" <Elodie.MARTIN@Example.FR>',
        to: ['Support <SUPPORT@relais.test>', 'other@relais.test'],
        cc: 'Team: Alice <ALICE@x.test>, bob@x.test;',
        replyTo: 'replies@Example.fr',
        subject: 'Imprimante en panne — étage 2',
        messageId: '<abc.123@example.fr>',
        inReplyTo: '<parent@relais.test>',
        references: ['<root@relais.test>', '<middle@relais.test>', '<parent@relais.test>'],
        date: new Date('2026-11-03T10:12:00Z'),
        text: 'Bonjour,\nelle ne marche plus.',
      }),
    );
    expect(email.messageId).toBe('abc.123@example.fr');
    expect(email.inReplyTo).toEqual(['parent@relais.test']);
    expect(email.references).toEqual(['parent@relais.test', 'middle@relais.test', 'root@relais.test']);
    expect(email.from).toEqual({ address: 'elodie.martin@example.fr', name: 'Élodie Martin' });
    expect(email.to).toEqual([
      { address: 'support@relais.test', name: 'Support' },
      { address: 'other@relais.test', name: null },
    ]);
    expect(email.cc.map((a) => a.address)).toEqual(['alice@x.test', 'bob@x.test']);
    expect(email.replyTo).toEqual([{ address: 'replies@example.fr', name: null }]);
    expect(email.subject).toBe('Imprimante en panne — étage 2');
    expect(email.date?.toISOString()).toBe('2026-11-03T10:12:00.000Z');
    expect(email.text).toBe('Bonjour,\nelle ne marche plus.');
    expect(email.headers['subject']).toEqual(['Imprimante en panne — étage 2']);
    expect(email.headers['message-id']).toEqual(['<abc.123@example.fr>']);
    expect(email.contentType).toBe('text/plain');
  });

  it('decodes RFC 2047 subjects and names, keeps every header occurrence, tolerates a missing Message-ID', async () => {
    const { email } = await parseEmail(
      raw([
        'From: =?ISO-8859-1?Q?Fran=E7ois_P=E9rez?= <FP@example.fr>',
        'To: undisclosed-recipients:;',
        'Subject: =?UTF-8?B?UsOpcG9uc2UgYXV0b21hdGlxdWUgOg==?= =?UTF-8?Q?_absent_jusqu=E2=80=99au_10?=',
        'Received: from a.example by b.example',
        'Received: from c.example by a.example',
        'Auto-Submitted: auto-replied',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Je suis absent.',
      ]),
    );
    expect(email.messageId).toBeNull();
    expect(email.date).toBeNull();
    expect(email.to).toEqual([]);
    expect(email.from).toEqual({ address: 'fp@example.fr', name: 'François Pérez' });
    expect(email.subject).toBe('Réponse automatique : absent jusqu’au 10');
    expect(email.headers['received']).toEqual(['from a.example by b.example', 'from c.example by a.example']);
    expect(email.headers['auto-submitted']).toEqual(['auto-replied']);
  });
});

describe('parseEmail: bodies and charsets', () => {
  it('decodes an iso-8859-1 quoted-printable body', async () => {
    const { email } = await parseEmail(
      raw([
        'From: a@example.fr',
        'Subject: =?iso-8859-1?Q?Probl=E8me_de_connexion?=',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Le mot de passe a =E9t=E9 chang=E9, =E0 v=E9rifier. Co=FBt : 10 =80?',
      ]),
    );
    expect(email.subject).toBe('Problème de connexion');
    // iso-8859-1 has no euro sign: 0x80 is a C1 control there, so only the accents are asserted.
    expect(email.text).toContain('Le mot de passe a été changé, à vérifier. Coût : 10');
  });

  it('decodes a windows-1252 8bit body with its curly quotes and euro sign', async () => {
    const body = Buffer.concat([
      Buffer.from('From: b@example.fr\r\nSubject: facture\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from([0x93, 0x43, 0x27, 0x65, 0x73, 0x74, 0x20, 0x70, 0x61, 0x79, 0xe9, 0x94, 0x20, 0x3a, 0x20, 0x31, 0x32, 0x20, 0x80]),
    ]);
    const { email } = await parseEmail(body);
    expect(email.text).toBe('“C\'est payé” : 12 €');
  });

  it('reads multipart/alternative: text kept as is, HTML sanitized', async () => {
    const { email } = await parseEmail(
      await compose({ subject: 'alt', text: 'Plain version', html: '<p>HTML <b>version</b></p>' }),
    );
    expect(email.contentType).toBe('multipart/alternative');
    expect(email.text).toBe('Plain version');
    expect(email.html).toBe('<p>HTML <b>version</b></p>');
  });

  it('derives text from HTML-only mail and strips script, handlers, remote images and bad links', async () => {
    const { email } = await parseEmail(
      await compose({
        subject: 'html only',
        html: [
          '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>',
          '<p onclick="steal()">Bonjour, <a href="https://docs.example/x">la doc</a> et <a href="javascript:alert(1)">ça</a>.</p>',
          '<table><tr><td>Réf.</td><td>42</td></tr></table>',
          '<img src="https://tracker.example/pixel.gif?u=1" width="1" height="1">',
          '<img src="//tracker.example/p2.gif"><iframe src="https://evil.example"></iframe>',
          '<form action="https://evil.example"><input name="pw"></form>',
          '</body></html>',
        ].join('\n'),
      }),
    );
    expect(email.text).toContain('Bonjour, la doc');
    expect(email.text).toContain('Réf.');
    for (const leaked of ['alert', 'tracker', 'p{color']) expect(email.text).not.toContain(leaked);
    const html = email.html ?? '';
    expect(html).toContain('<a href="https://docs.example/x" target="_blank" rel="noopener noreferrer">la doc</a>');
    expect(html).toContain('<td>Réf.</td>');
    for (const banned of ['script', 'alert', 'onclick', 'style', 'tracker', '<img', 'iframe', '<form', '<input', 'javascript:']) {
      expect(html).not.toContain(banned);
    }
  });
});

describe('parseEmail: attachments', () => {
  it('hashes attachments and marks cid-referenced images inline', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake but bytes all the same\n');
    const { email, attachments } = await parseEmail(
      await compose({
        subject: 'with files',
        text: 'See attached.',
        html: '<p>Screenshot: <img src="cid:shot@relais" alt="shot"> <img src="data:image/png;base64,AAAA"></p>',
        attachments: [
          { filename: 'screen.png', content: PNG, cid: 'shot@relais' },
          { filename: 'facture €.pdf', content: pdf, contentType: 'application/pdf' },
        ],
      }),
    );
    expect(email.contentType).toBe('multipart/mixed');
    expect(email.attachments).toEqual([
      { filename: 'screen.png', contentType: 'image/png', size: PNG.length, contentId: 'shot@relais', inline: true, sha256: sha256(PNG) },
      { filename: 'facture €.pdf', contentType: 'application/pdf', size: pdf.length, contentId: null, inline: false, sha256: sha256(pdf) },
    ]);
    expect(attachments.map((a) => a.content)).toEqual([PNG, pdf]);
    expect(attachments.map((a) => a.meta)).toEqual(email.attachments);
    expect(email.html).toContain('<img src="cid:shot@relais" alt="shot" />');
    expect(email.html).toContain('src="data:image/png;base64,AAAA"');
  });

  it('parses a forwarded message/rfc822 into attachedMessages, and keeps the .eml as an attachment', async () => {
    const inner = [
      'From: Client <CLIENT@customer.test>',
      'To: jane@example.com',
      'Subject: =?UTF-8?Q?Probl=C3=A8me_urgent?=',
      'Message-ID: <orig-1@customer.test>',
      'Content-Type: multipart/mixed; boundary="in"',
      '',
      '--in',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Le serveur ne r=C3=A9pond plus.',
      '--in',
      'Content-Type: text/csv; name="log.csv"',
      'Content-Disposition: attachment; filename="log.csv"',
      '',
      'a,b',
      '--in--',
      '',
    ];
    const { email, attachments } = await parseEmail(
      raw([
        'From: jane@example.com',
        'To: support@relais.test',
        'Subject: TR: Problème urgent',
        'Message-ID: <fwd-1@example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="out"',
        '',
        '--out',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Voir ci-dessous.',
        '--out',
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment; filename="original.eml"',
        '',
        ...inner,
        '--out--',
        '',
      ]),
    );
    expect(email.text).toContain('Voir ci-dessous.');
    expect(email.attachments.map((a) => a.contentType)).toContain('message/rfc822');
    expect(email.attachedMessages).toHaveLength(1);
    const forwarded = email.attachedMessages[0]!;
    expect(forwarded.messageId).toBe('orig-1@customer.test');
    expect(forwarded.from?.address).toBe('client@customer.test');
    expect(forwarded.subject).toBe('Problème urgent');
    expect(forwarded.text).toBe('Le serveur ne répond plus.');
    expect(forwarded.attachments.map((a) => a.filename)).toEqual(['log.csv']);
    // The caller stores every body, the nested ones included.
    expect(attachments.map((a) => a.meta.sha256)).toContain(forwarded.attachments[0]!.sha256);
  });

  it('stops parsing attached messages at the nesting limit', async () => {
    let message = await compose({ subject: 'level 0', text: 'deepest', messageId: '<deep@x.test>' });
    for (let i = 1; i <= 3; i += 1) {
      message = await compose({ subject: `level ${i}`, text: `wrapper ${i}`, attachments: [{ content: message, contentType: 'message/rfc822', filename: `l${i}.eml`, contentDisposition: 'attachment' }] });
    }
    const { email } = await parseEmail(message, { maxNesting: 2 });
    expect(email.attachedMessages[0]?.attachedMessages[0]?.subject).toBe('level 1');
    expect(email.attachedMessages[0]?.attachedMessages[0]?.attachedMessages).toEqual([]);
    expect(email.attachedMessages[0]?.attachedMessages[0]?.attachments.map((a) => a.filename)).toEqual(['l1.eml']);
  });
});

describe('parseEmail: replies', () => {
  it('strips a French Gmail quote and keeps the new text', async () => {
    const { email } = await parseEmail(
      await compose({
        subject: 'Re: imprimante',
        text: 'Merci, ça remarche !\n\nLe lun. 3 nov. 2026 à 10:12, Support Relais <support@relais.test> a écrit :\n> Pouvez-vous redémarrer ?\n> Cordialement',
      }),
    );
    expect(email.newText).toBe('Merci, ça remarche !');
    expect(email.text).toContain('Pouvez-vous redémarrer ?');
  });

  it('strips an English quote and a "-- " signature', async () => {
    const { email } = await parseEmail(
      await compose({
        subject: 'Re: printer',
        text: 'Works now, thanks.\n\n-- \nJane Doe\nACME Corp\n\nOn Mon, Nov 3, 2026 at 10:12 AM Relais Support <support@relais.test> wrote:\n> Could you restart it?\n',
      }),
    );
    expect(email.newText).toBe('Works now, thanks.');
  });

  it('strips Outlook history in English and French', async () => {
    const english = await parseEmail(
      await compose({ text: 'Done.\n\n-----Original Message-----\nFrom: Support\nSent: Monday, November 3, 2026 10:12\nSubject: printer\n\nPlease restart.' }),
    );
    expect(english.email.newText).toBe('Done.');
    const french = await parseEmail(
      await compose({ text: 'C’est fait.\n\n________________________________\nDe : Support Relais\nEnvoyé : lundi 3 novembre 2026 10:12\nÀ : Jane\nObjet : imprimante\n\nMerci de redémarrer.' }),
    );
    expect(french.email.newText).toBe('C’est fait.');
  });

  it('never loses text: a message that is only a quote keeps it all', async () => {
    const { email } = await parseEmail(await compose({ text: '> only a quoted line\n> and another' }));
    expect(email.newText).toBe(email.text);
    expect(email.newText).toContain('only a quoted line');
  });
});

describe('parseEmail: delivery reports', () => {
  it('reads a DSN: recipients, status, diagnostic and the original Message-ID', async () => {
    const { email } = await parseEmail(
      raw([
        'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
        'To: support@relais.test',
        'Subject: Undelivered Mail Returned to Sender',
        'Message-ID: <bounce-1@mx.example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'Your message could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        'Arrival-Date: Mon, 3 Nov 2026 10:12:00 +0100',
        '',
        'Final-Recipient: rfc822; Nobody@Customer.test',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <nobody@customer.test>: Recipient address',
        '    rejected: User unknown',
        '',
        'Final-Recipient: rfc822; late@customer.test',
        'Action: delayed',
        'Status: 4.4.1',
        '',
        '--b1',
        'Content-Type: text/rfc822-headers',
        '',
        'From: support@relais.test',
        'To: nobody@customer.test',
        'Subject: [#1042] Votre demande',
        'Message-ID: <reply-1042-7@relais.test>',
        '--b1--',
        '',
      ]),
    );
    expect(email.contentType).toBe('multipart/report');
    expect(email.text).toBe('Your message could not be delivered.');
    expect(email.deliveryReport).toEqual({
      originalMessageId: 'reply-1042-7@relais.test',
      recipients: [
        { recipient: 'nobody@customer.test', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <nobody@customer.test>: Recipient address rejected: User unknown' },
        { recipient: 'late@customer.test', action: 'delayed', status: '4.4.1', diagnostic: null },
      ],
    });
  });

  it('takes the original Message-ID from a returned message/rfc822', async () => {
    const original = await compose({ subject: 'hello', text: 'hi', messageId: '<sent-9@relais.test>' });
    const { email } = await parseEmail(
      Buffer.concat([
        raw([
          'From: postmaster@x.test',
          'Subject: failure',
          'Content-Type: multipart/report; report-type="delivery-status"; boundary="r"',
          '',
          '--r',
          'Content-Type: text/plain',
          '',
          'failed',
          '--r',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; x.test',
          '',
          'Final-Recipient: rfc822;gone@x.test',
          'Action: failed',
          'Status: 5.0.0 (permanent failure)',
          '',
          '--r',
          'Content-Type: message/rfc822',
          '',
          '',
        ]),
        original,
        raw(['', '--r--', '']),
      ]),
    );
    expect(email.deliveryReport?.originalMessageId).toBe('sent-9@relais.test');
    expect(email.deliveryReport?.recipients).toEqual([{ recipient: 'gone@x.test', action: 'failed', status: '5.0.0', diagnostic: null }]);
    expect(email.deliveryReport).not.toBeNull();
  });

  it('leaves deliveryReport null on ordinary mail', async () => {
    const { email } = await parseEmail(await compose({ text: 'hello' }));
    expect(email.deliveryReport).toBeNull();
  });
});

describe('parseEmail: limits and malformed input', () => {
  it('refuses a message over the size limit, naming the limit', async () => {
    const message = await compose({ text: 'x'.repeat(2_000) });
    const error = await parseEmail(message, { maxBytes: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'EMAIL_TOO_LARGE', details: { limitBytes: 1_000, sizeBytes: message.length } });
    expect((error as Error).message).toContain('1000');
  });

  it('refuses an empty input', async () => {
    for (const input of [Buffer.alloc(0), Buffer.from(' \r\n\r\n')]) {
      await expect(parseEmail(input)).rejects.toMatchObject({ code: 'EMAIL_EMPTY' });
    }
  });

  it('gives a best-effort message for malformed MIME', async () => {
    const { email } = await parseEmail(
      raw([
        'From: not an address at all <<>>',
        'To: ,,,@@,',
        'Date: the day after tomorrow',
        'Message-ID: bare-id@example.com',
        'References: <r1@x> garbage <r2@x',
        'Content-Type: multipart/mixed; boundary="never-closed"',
        'Content-Transfer-Encoding: base64',
        '',
        '--never-closed',
        'Content-Type: text/plain; charset=no-such-charset',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Still readable =E9 =ZZ text',
        '--never-closed',
        'Content-Type: image/png',
        'Content-Transfer-Encoding: base64',
        '',
        '!!!not base64!!!',
      ]),
    );
    expect(email.text).toContain('Still readable');
    expect(email.messageId).toBe('bare-id@example.com');
    expect(email.references).toEqual(['r1@x']);
    expect(email.date).toBeNull();
  });

  it('reads a bare body without headers as text', async () => {
    const { email } = await parseEmail(Buffer.from('just some words\nand more'));
    expect(email.text).toContain('just some words');
    expect(email.from).toBeNull();
  });

  it('reads undeclared or mislabelled 8-bit text as windows-1252, as old clients mean it', async () => {
    const latin1 = (head: string, body: string) => Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'latin1')]);
    const undeclared = await parseEmail(latin1('From: a@b.test\r\nSubject: x\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'Le réseau ne répond plus à 9 h.\r\n'));
    expect(undeclared.email.text).toBe('Le réseau ne répond plus à 9 h.');
    const labelledAscii = await parseEmail(Buffer.from([
      'From: a@b.test', 'Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('Imprimante bloquée, café renversé', 'latin1').toString('base64'), '',
    ].join('\r\n')));
    expect(labelledAscii.email.text).toBe('Imprimante bloquée, café renversé');
    // Real UTF-8 is left alone.
    const utf8 = await parseEmail(Buffer.from('From: a@b.test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDéjà réglé ✓\r\n'));
    expect(utf8.email.text).toBe('Déjà réglé ✓');
  });
});
