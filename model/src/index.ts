export * from './types.js';
export * from './time.js';
export * from './district.js';
export * from './participation.js';
export * from './needs.js';
export * from './pacts.js';
export * from './coordinates.js';
export * from './site.js';
