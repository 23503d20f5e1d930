export * from './client';
export * from './contract';
export * from './documents';
export * from './server';
export * from './settings';
export * from './synonyms';
