/**
 * Custom public routes only: no find / findOne / update / delete exists for submissions, so the public
 * role cannot list or read them whatever its permissions say.
 */
export default {
  routes: [
    { method: 'POST', path: '/submissions', handler: 'submission.create', config: { auth: false } },
    { method: 'GET', path: '/submissions/status', handler: 'submission.status', config: { auth: false } },
    { method: 'GET', path: '/submissions/status/:code', handler: 'submission.status', config: { auth: false } },
    { method: 'GET', path: '/ratings', handler: 'submission.ratings', config: { auth: false } },
  ],
};
