/** GET /api/health: the operators' probe (features/health/health.ts). Public, read-only, no secrets, cached briefly. */
export default {
  routes: [{ method: 'GET', path: '/health', handler: 'health.check', config: { auth: false } }],
};
