export * from './errors.js';
export * from './media.js';
export * from './rest.js';
export * from './snapshot.js';
