/**
 * Optional e-mail to the editors when a contribution arrives (SMTP_URL and SUBMISSION_NOTIFY_TO set).
 *
 * The message names the kind and the receipt and links the admin; it carries none of the text or the
 * contact of the sender (e-mail is not the place for personal data). Sending happens after the
 * contribution is stored and never blocks or fails the request; a failure is logged without addresses.
 */
import type { Core } from '@strapi/strapi';
import { KIND_LABELS, type Kind } from '@coesione/model';
import nodemailer from 'nodemailer';
import type { SubmissionOptions } from './options';

export type Notifier = (kind: Kind, receipt: string) => void;

export function createNotifier(strapi: Core.Strapi, options: SubmissionOptions): Notifier {
  if (!options.smtpUrl || options.notifyTo.length === 0) return () => {};
  const transport = nodemailer.createTransport(options.smtpUrl);
  const adminUrl = `${(strapi.config.get('server.url') as string | undefined) || ''}/admin/content-manager/collection-types/api::submission.submission`;
  return (kind, receipt) => {
    transport
      .sendMail({
        from: options.notifyFrom,
        to: options.notifyTo,
        subject: `Nuovo contributo da moderare: ${KIND_LABELS[kind]} ${receipt}`,
        text:
          `È arrivato un nuovo contributo dal modulo Partecipa.\n\n` +
          `Tipo: ${KIND_LABELS[kind]}\nRicevuta: ${receipt}\n\n` +
          `Leggilo e moderalo nell'amministrazione: ${adminUrl}\n`,
      })
      .catch((error: { code?: string; responseCode?: number }) => {
        strapi.log.warn(`Submission notification not sent (${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}); the submission is stored.`);
      });
  };
}
