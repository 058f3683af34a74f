/** The domain core's public surface: pure hall rules, shared by server and browsers. */
export * from './types';
export * from './events';
export * from './commands';
export * from './errors';
export * from './time';
export * from './schedule';
export * from './numbering';
export * from './call-policy';
export * from './decide';
export * from './evolve';
export * from './estimate';
export * from './views';
