import { tagSubject } from './subject.js';

/**
 * The mail Relais sends, in the requester's language (French or English): the acknowledgement of a new ticket,
 * an agent's reply, the resolution. Every template has a text and an HTML part; the HTML escapes everything
 * except the reply's own HTML, which the caller rendered from Markdown and sanitized.
 */
export const NOTIFICATION_KINDS = ['received', 'reply', 'resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type MailLanguage = 'fr' | 'en';

export interface NotificationInput {
  kind: NotificationKind;
  language: MailLanguage;
  ticketNumber: number;
  /** The ticket's subject, untagged. */
  subject: string;
  requesterName: string;
  /** For replies: the agent's name and the reply as text (Markdown source) and as sanitized HTML. */
  agentName?: string;
  replyText?: string;
  replyHtml?: string;
  /** Where the requester can follow the ticket (the portal), when the public URL is known. */
  portalUrl?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const mailLanguage = (language: string | null | undefined): MailLanguage => (language === 'en' ? 'en' : 'fr');

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const paragraphs = (text: string): string =>
  text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');

interface Strings {
  subject: (i: NotificationInput) => string;
  intro: (i: NotificationInput) => string;
  outro: (i: NotificationInput) => string;
  portal: string;
  keepTag: string;
}

const STRINGS: Record<MailLanguage, Record<NotificationKind, Strings>> = {
  fr: {
    received: {
      subject: (i) => `Demande reçue : ${i.subject}`,
      intro: (i) => `Bonjour ${i.requesterName},\n\nNous avons bien reçu votre demande « ${i.subject} ». Elle porte le numéro #${i.ticketNumber} ; un technicien vous répondra dès que possible.`,
      outro: () => 'Pour ajouter une précision, répondez simplement à ce message.',
      portal: 'Suivre votre demande',
      keepTag: 'Merci de conserver la référence [#{n}] dans l’objet de vos réponses.',
    },
    reply: {
      subject: (i) => `Re: ${i.subject}`,
      intro: (i) => `${i.agentName ?? 'Le support'} a répondu à votre demande #${i.ticketNumber} :`,
      outro: () => 'Répondez à ce message pour continuer l’échange.',
      portal: 'Voir la demande',
      keepTag: 'Merci de conserver la référence [#{n}] dans l’objet de vos réponses.',
    },
    resolved: {
      subject: (i) => `Demande résolue : ${i.subject}`,
      intro: (i) => `Bonjour ${i.requesterName},\n\nVotre demande #${i.ticketNumber} « ${i.subject} » est résolue.`,
      outro: () => 'Si le problème persiste, répondez à ce message : la demande sera rouverte.',
      portal: 'Voir la demande',
      keepTag: 'Merci de conserver la référence [#{n}] dans l’objet de vos réponses.',
    },
  },
  en: {
    received: {
      subject: (i) => `Request received: ${i.subject}`,
      intro: (i) => `Hello ${i.requesterName},\n\nWe have received your request "${i.subject}". Its number is #${i.ticketNumber}; a technician will answer as soon as possible.`,
      outro: () => 'To add details, simply reply to this message.',
      portal: 'Follow your request',
      keepTag: 'Please keep the reference [#{n}] in the subject of your replies.',
    },
    reply: {
      subject: (i) => `Re: ${i.subject}`,
      intro: (i) => `${i.agentName ?? 'Support'} replied to your request #${i.ticketNumber}:`,
      outro: () => 'Reply to this message to continue the conversation.',
      portal: 'View the request',
      keepTag: 'Please keep the reference [#{n}] in the subject of your replies.',
    },
    resolved: {
      subject: (i) => `Request resolved: ${i.subject}`,
      intro: (i) => `Hello ${i.requesterName},\n\nYour request #${i.ticketNumber} "${i.subject}" has been resolved.`,
      outro: () => 'If the problem persists, reply to this message and the request will be reopened.',
      portal: 'View the request',
      keepTag: 'Please keep the reference [#{n}] in the subject of your replies.',
    },
  },
};

/** Renders one notification; the subject always carries the `[#number]` tag that threads replies back. */
export function renderNotification(i: NotificationInput): RenderedMail {
  const s = STRINGS[i.language][i.kind];
  const subject = tagSubject(s.subject(i), i.ticketNumber);
  const keepTag = s.keepTag.replace('{n}', String(i.ticketNumber));
  const textParts = [s.intro(i)];
  const htmlParts = [paragraphs(s.intro(i))];
  if (i.kind === 'reply') {
    textParts.push(i.replyText ?? '');
    htmlParts.push(`<div class="reply" style="border-left:3px solid #1b5e9b;padding-left:12px;margin:12px 0">${i.replyHtml ?? paragraphs(i.replyText ?? '')}</div>`);
  }
  textParts.push(s.outro(i));
  htmlParts.push(paragraphs(s.outro(i)));
  if (i.portalUrl) {
    textParts.push(`${s.portal} : ${i.portalUrl}`.replace(' :', i.language === 'fr' ? ' :' : ':'));
    htmlParts.push(`<p><a href="${escapeHtml(i.portalUrl)}">${escapeHtml(s.portal)}</a></p>`);
  }
  textParts.push(`-- \n${keepTag}`);
  htmlParts.push(`<p style="color:#666;font-size:12px">${escapeHtml(keepTag)}</p>`);
  const html = `<!doctype html><html lang="${i.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#1a1a1a">\n${htmlParts.join('\n')}\n</body></html>`;
  return { subject, text: `${textParts.join('\n\n')}\n`, html };
}
