import type { Kind } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import { submissionOptions } from './options';
import { createSubmissionService, type SubmitRequest, type SubmitResult } from './service';
import type { PublicStatus, SubmissionRepository } from './store';
import type { SubmissionInput } from './validation';

const START = 1_800_000_000_000;

/** The service over a database of two comuni, a clock the test moves, and a notifier that records. */
function setUp() {
  const clock = { now: START };
  const stored: SubmissionInput[] = [];
  const notified: [Kind, string][] = [];
  const statuses = new Map<string, PublicStatus>();
  const repository: SubmissionRepository = {
    async check(input) {
      if (!('comune' in input) || !input.comune) return { errors: [] };
      if (input.comune !== '002158') return { errors: [{ path: ['comune'], message: 'Comune sconosciuto al distretto.' }] };
      return { errors: [], comune: { documentId: 'vc', istatCode: '002158', name: 'Vercelli', latitude: 45.32, longitude: 8.42 } };
    },
    async store(input) {
      stored.push(input);
      return `0000-0000-000${stored.length}`;
    },
    async status(receipt) {
      return statuses.get(receipt);
    },
    async ratings() {
      return [];
    },
  };
  const options = { ...submissionOptions({}), rateLimit: 2 };
  const service = createSubmissionService({ options, salt: 'salt', repository, notify: (kind, receipt) => notified.push([kind, receipt]), now: () => clock.now });
  return { clock, stored, notified, statuses, service, options };
}

const proposal = (extra: Record<string, unknown> = {}) => ({ kind: 'proposta', target: 'practice', title: 'Orto condiviso', description: 'Un orto per tutti.', consent: true, ...extra });
const json = (data: Record<string, unknown>, client = 'client-a'): SubmitRequest => ({ format: 'json', body: { data }, client });
const form = (fields: Record<string, string>, client = 'client-a'): SubmitRequest => ({ format: 'form', body: fields, client });

describe('the submission service', () => {
  it('stores a valid contribution, notifies the editors once, and counts it against the limit', async () => {
    const { service, stored, notified, clock } = setUp();
    const first = await service.submit(json(proposal({ startedAt: clock.now - 10_000 })));
    expect(first).toEqual({ outcome: 'stored', kind: 'proposta', receipt: '0000-0000-0001' });
    expect(stored).toHaveLength(1);
    expect(notified).toEqual([['proposta', '0000-0000-0001']]);
    await service.submit(json(proposal({ startedAt: clock.now - 10_000 })));
    expect(await service.submit(json(proposal({ startedAt: clock.now - 10_000 })))).toMatchObject({ outcome: 'rate-limited', limit: 2, retryAfterMs: expect.any(Number) });
    expect((await service.submit(json(proposal({ startedAt: clock.now - 10_000 }), 'client-b'))).outcome).toBe('stored');
  });

  it('refuses in order, storing nothing and not counting the refusals: the shape, the honeypot, the fields, the database, the fill time', async () => {
    const { service, stored, clock } = setUp();
    const fieldOf = (result: SubmitResult) => (result.outcome === 'invalid' ? result.errors.map((e) => e.path[0]) : result.outcome);
    expect(fieldOf(await service.submit({ format: 'json', body: [proposal()], client: 'c' }))).toEqual(['data']);
    expect(fieldOf(await service.submit(json(proposal({ website: 'http://spam.example', title: '' }), 'c')))).toEqual(['website']);
    expect(fieldOf(await service.submit(json(proposal({ title: 'ab', consent: false }), 'c')))).toEqual(['consent', 'title']);
    expect(fieldOf(await service.submit(json(proposal({ comune: '999999' }), 'c')))).toEqual(['comune']);
    const fast = await service.submit(json(proposal({ startedAt: clock.now - 1000 }), 'c'));
    expect(fast).toMatchObject({ outcome: 'invalid', message: expect.stringMatching(/^Invio troppo rapido/) });
    expect(stored).toHaveLength(0);
    expect((await service.submit(json(proposal({ startedAt: clock.now - 10_000 }), 'c'))).outcome).toBe('stored');
  });

  it('shows a plain form post back, then stores it once from the same client after the reading time', async () => {
    const { service, stored, clock, options } = setUp();
    const fields = { kind: 'proposta', target: 'workshop', title: 'Corso di cucina', description: 'Il giovedì sera.', comune: '002158', consent: 'on', returnTo: 'https://x' };
    const shown = await service.submit(form(fields));
    if (shown.outcome !== 'confirm') throw new Error(`expected a confirmation, got ${shown.outcome}`);
    expect(shown).toMatchObject({ comuneName: 'Vercelli', input: { title: 'Corso di cucina', consent: true } });
    const confirmed = { ...fields, consent: 'true', confirmToken: shown.token };

    const message = async (request: SubmitRequest) => {
      const result = await service.submit(request);
      return result.outcome === 'invalid' ? result.message : result.outcome;
    };
    expect(await message(form(confirmed))).toMatch(/^Invio troppo rapido/);
    clock.now += options.minFillMs;
    expect(await message(form({ ...confirmed, title: 'Un altro corso' }))).toMatch(/^La conferma non è valida o è scaduta/);
    expect(await message(form(confirmed, 'client-b'))).toMatch(/^La conferma non è valida o è scaduta/);
    expect(await message(form(confirmed))).toBe('stored');
    expect(await message(form(confirmed))).toMatch(/già stata inviata.*torna al modulo e ricomincia/);
    clock.now += options.confirmTtlMs;
    expect(await message(form(confirmed))).toMatch(/^La conferma non è valida o è scaduta/);
    expect(stored).toHaveLength(1);
  });

  it('looks a receipt up as a person typed it, telling a malformed code from an unknown one', async () => {
    const { service, statuses } = setUp();
    const status: PublicStatus = { receipt: 'ABCD-EFGH-JKMN', kind: 'segnalazione', state: 'ricevuta', stateLabel: 'Ricevuta', reply: null, updatedAt: new Date(START).toISOString() };
    statuses.set(status.receipt, status);
    expect(await service.status('abcd efgh jkmn')).toEqual({ outcome: 'found', status });
    expect(await service.status('ZZZZ-ZZZZ-ZZZZ')).toEqual({ outcome: 'unknown', receipt: 'ZZZZ-ZZZZ-ZZZZ' });
    for (const code of ['UUUU', undefined, 42]) expect(await service.status(code)).toEqual({ outcome: 'malformed' });
  });
});
