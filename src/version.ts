import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
export const INFORMATION_URI = 'https://github.com/oobguard/oobguard';
