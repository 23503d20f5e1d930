/**
 * Reads the body of `POST /api/submissions` before Strapi's body parser, with the endpoint's own rules:
 * 32 KB at most (413 with an Italian message, also when no Content-Length is announced), JSON or a plain
 * form post only (415 otherwise), malformed JSON refused with a 400 in Strapi's error shape.
 *
 * The parsed body goes to `ctx.state.submissionBody`; the content type is then hidden from Strapi's
 * parser so it does not try to read the (already consumed) stream again.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { LIMITS } from '@coesione/model';
import { allowedOrigins, backLink, formatOf, refuse, type SubmissionBody } from '../features/participation/http';
import { submissionOptions } from '../features/participation/options';

export const SUBMISSIONS_PATH = '/api/submissions';

class TooLarge extends Error {}

/**
 * The body as text, or TooLarge past `limit` bytes. Past the limit the rest is read and dropped rather
 * than the socket destroyed, so the client still receives the 413 answer.
 */
function readLimited(ctx: Context, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        ctx.req.off('data', onData);
        ctx.req.off('end', onEnd);
        ctx.req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    ctx.req.on('data', onData);
    ctx.req.once('end', onEnd);
    ctx.req.once('error', reject);
  });
}

export default (_config: unknown, { strapi: _strapi }: { strapi: Core.Strapi }) => {
  const options = submissionOptions();
  const origins = allowedOrigins(options.siteUrl);
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== SUBMISSIONS_PATH) return next();
    const format = formatOf(ctx);
    const back = backLink(ctx.get('referer'), options.siteUrl, origins);
    ctx.set('Cache-Control', 'no-store');
    if (!format) {
      return refuse(ctx, ctx.accepts('json', 'html') === 'html' ? 'form' : 'json', {
        status: 415,
        title: 'Formato non supportato',
        message: 'Formato non supportato: invia i dati come application/json ({ "data": { … } }) o come modulo (application/x-www-form-urlencoded).',
      }, back);
    }
    const tooLarge = () =>
      refuse(ctx, format, {
        status: 413,
        title: 'Testo troppo lungo',
        message: `La richiesta è troppo grande: al massimo ${options.maxBodyBytes / 1024} KB in tutto. Accorcia la descrizione (al massimo ${LIMITS.text.toLocaleString('it-IT')} caratteri) e riprova.`,
      }, back);
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > options.maxBodyBytes) {
      ctx.set('Connection', 'close');
      return tooLarge();
    }
    let text: string;
    try {
      text = await readLimited(ctx, options.maxBodyBytes);
    } catch (error) {
      if (error instanceof TooLarge) {
        ctx.set('Connection', 'close');
        return tooLarge();
      }
      throw error;
    }
    let body: unknown;
    if (format === 'json') {
      try {
        body = JSON.parse(text);
      } catch {
        return refuse(ctx, format, {
          status: 400,
          message: 'Il corpo della richiesta non è JSON valido: invia { "data": { "kind": …, … } }.',
          errors: [{ path: ['data'], message: 'Il corpo della richiesta non è JSON valido.' }],
        }, back);
      }
    } else {
      body = Object.fromEntries(new URLSearchParams(text));
    }
    ctx.state.submissionBody = { format, body } satisfies SubmissionBody;
    // Strapi's parser skips a request whose type it does not recognise.
    delete ctx.req.headers['content-type'];
    return next();
  };
};
