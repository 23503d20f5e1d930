export * from './client';
export * from './documents';
export * from './server';
export * from './settings';
export * from './synonyms';
